import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import {
  mockApis,
  renderInTestApp,
  TestApiProvider,
} from '@backstage/test-utils';
import { configApiRef, discoveryApiRef } from '@backstage/core-plugin-api';
import { DemoSignInPage, DEMO_USER_STORAGE_KEY } from './DemoSignInPage';

const base = {
  app: { title: 'Teamflow' },
  backend: { baseUrl: 'http://localhost:7007' },
};
const demoConfig = mockApis.config({
  data: {
    ...base,
    auth: {
      providers: {
        demo: {
          users: [
            {
              entityRef: 'user:default/maya.okafor',
              title: 'Maya Okafor',
              description: 'Senior engineer, Checkout (stream-aligned team)',
            },
            { entityRef: 'user:default/ines.duarte', title: 'Inês Duarte' },
          ],
        },
      },
    },
  },
});

describe('DemoSignInPage', () => {
  afterEach(() => window.localStorage.clear());

  it('lists the configured demo users with their roles', async () => {
    await renderInTestApp(
      <TestApiProvider apis={[[configApiRef, demoConfig]]}>
        <DemoSignInPage onSignInSuccess={jest.fn()} />
      </TestApiProvider>,
    );
    expect(
      screen.getByText('Sign in to the Basketly demo'),
    ).toBeInTheDocument();
    expect(screen.getByText('Maya Okafor')).toBeInTheDocument();
    expect(
      screen.getByText('Senior engineer, Checkout (stream-aligned team)'),
    ).toBeInTheDocument();
    expect(screen.getByText('Inês Duarte')).toBeInTheDocument();
    expect(screen.getByText('MO')).toBeInTheDocument();
  });

  it('remembers the chosen user so a reload stays signed in as them', async () => {
    await renderInTestApp(
      <TestApiProvider
        apis={[
          [configApiRef, demoConfig],
          [discoveryApiRef, mockApis.discovery()],
        ]}
      >
        <DemoSignInPage onSignInSuccess={jest.fn()} />
      </TestApiProvider>,
    );
    await userEvent.click(screen.getByText('Inês Duarte'));
    expect(window.localStorage.getItem(DEMO_USER_STORAGE_KEY)).toBe(
      'user:default/ines.duarte',
    );
    expect(
      screen.queryByText('Sign in to the Basketly demo'),
    ).not.toBeInTheDocument();
  });
});

import { fireEvent, screen, within } from '@testing-library/react';
import { TestApiProvider, renderInTestApp } from '@backstage/test-utils';
import { identityApiRef } from '@backstage/core-plugin-api';
import {
  EntityProvider,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import { TeamInteractionEntity } from '@teamflow/plugin-teamflow-common';
import { TeamInteractionCard } from './TeamInteractionCard';

const collaboration: TeamInteractionEntity = {
  apiVersion: 'teamflow.io/v1alpha1',
  kind: 'TeamInteraction',
  metadata: {
    name: 'checkout--collaborates-with--order-flow',
    title: 'Checkout ↔ Order Flow, collaboration',
    annotations: {
      'backstage.io/edit-url':
        'https://github.com/basketly/teams/edit/main/interactions.yaml',
    },
  },
  spec: {
    from: 'group:default/checkout',
    to: 'group:default/order-flow',
    mode: 'collaboration',
    purpose: 'One transaction for payment and order',
    status: 'active',
    startDate: '2026-06-01',
    reviewBy: '2020-09-30',
  },
};

const render = (user: string, groups: string[]) =>
  renderInTestApp(
    <TestApiProvider
      apis={[
        [
          identityApiRef,
          {
            getBackstageIdentity: async () => ({
              type: 'user' as const,
              userEntityRef: user,
              ownershipEntityRefs: [user, ...groups],
            }),
          },
        ],
      ]}
    >
      <EntityProvider entity={collaboration}>
        <TeamInteractionCard />
      </EntityProvider>
    </TestApiProvider>,
    { mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef } },
  );

describe('TeamInteractionCard', () => {
  it('writes dates, mode and status the shared way and offers its teams the changes, as YAML with the file', async () => {
    await render('user:default/maya.okafor', ['group:default/checkout']);
    expect(screen.getByText('Collaboration')).toBeInTheDocument();
    expect(screen.getByText('1 Jun 2026')).toBeInTheDocument();
    expect(screen.getByText(/30 Sep 2020/)).toHaveTextContent(
      '30 Sep 2020 (overdue)',
    );
    await screen.findByRole('button', { name: 'Extend' });
    expect(screen.getByRole('button', { name: 'End' })).toBeInTheDocument();
    expect(
      screen.getByRole('button', { name: 'Convert to X-as-a-Service' }),
    ).toBeInTheDocument();
    fireEvent.click(await screen.findByRole('button', { name: 'Extend' }));
    const dialog = await screen.findByRole('dialog');
    fireEvent.change(within(dialog).getByLabelText('Review by'), {
      target: { value: '2027-03-31' },
    });
    expect(dialog).toHaveTextContent("reviewBy: '2027-03-31'");
    expect(
      within(dialog).getByRole('link', { name: /Edit the file/ }),
    ).toHaveAttribute(
      'href',
      'https://github.com/basketly/teams/edit/main/interactions.yaml',
    );
  });

  it('tells someone outside both teams who changes it, with no actions', async () => {
    await render('user:default/priya.raman', ['group:default/discovery']);
    expect(
      await screen.findByText(/extend, end or convert this interaction/),
    ).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Extend' })).toBeNull();
  });
});

import { screen } from '@testing-library/react';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import {
  EntityProvider,
  catalogApiRef,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import { catalogApiMock } from '@backstage/plugin-catalog-react/testUtils';
import { Entity } from '@backstage/catalog-model';
import { PersonaJobsCard } from './PersonaJobsCard';
import { PersonaTeamsCard } from './PersonaTeamsCard';

const courier = (servedBy: string[]): Entity => ({
  apiVersion: 'teamflow.io/v1alpha1',
  kind: 'Persona',
  metadata: { name: 'courier', namespace: 'default' },
  spec: {
    type: 'operator',
    owner: 'group:default/courier-app',
    lifecycle: 'validated',
    jobs: [
      {
        when: 'I start a shift',
        want: 'a batch ready to collect',
        soThat: 'I do not wait',
      },
    ],
  },
  relations: servedBy.map(targetRef => ({
    type: 'teamflow.io/servedBy',
    targetRef,
  })),
});

const courierApp: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Group',
  metadata: {
    name: 'courier-app',
    namespace: 'default',
    title: 'Courier Experience',
    labels: { 'teamflow.io/team-type': 'stream-aligned' },
  },
  spec: { type: 'team', children: [] },
};

async function render(entity: Entity, node: JSX.Element) {
  await renderInTestApp(
    <TestApiProvider
      apis={[[catalogApiRef, catalogApiMock({ entities: [courierApp] })]]}
    >
      <EntityProvider entity={entity}>{node}</EntityProvider>
    </TestApiProvider>,
    { mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef } },
  );
}

describe('PersonaTeamsCard', () => {
  it('lists the teams serving the persona with their type', async () => {
    await render(courier(['group:default/courier-app']), <PersonaTeamsCard />);
    expect(await screen.findByText('Courier Experience')).toBeInTheDocument();
    expect(screen.getByText('Stream-aligned')).toBeInTheDocument();
  });

  it('calls an unserved persona a coverage gap', async () => {
    await render(courier([]), <PersonaTeamsCard />);
    expect(
      await screen.findByText(/No team serves this persona: a coverage gap/),
    ).toBeInTheDocument();
  });
});

describe('PersonaJobsCard', () => {
  it('reads jobs as When / I want / so that', async () => {
    await render(courier([]), <PersonaJobsCard />);
    const job = screen.getByText(/I start a shift/);
    expect(job).toHaveTextContent(
      'When I start a shift, I want a batch ready to collect, so that I do not wait.',
    );
  });
});

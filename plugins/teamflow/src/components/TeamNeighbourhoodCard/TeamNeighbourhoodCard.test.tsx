import { screen } from '@testing-library/react';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import {
  EntityProvider,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import { Entity } from '@backstage/catalog-model';
import { TeamflowApi, teamflowApiRef } from '../../api/TeamflowApi';
import { TeamNeighbourhoodCard } from './TeamNeighbourhoodCard';

const checkout: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Group',
  metadata: { name: 'checkout', namespace: 'default' },
  spec: { type: 'team', children: [] },
};

const node = (name: string) => ({
  ref: `group:default/${name}`,
  title: name,
  type: 'stream-aligned' as const,
  members: 3,
  owned: { component: 1, api: 0, system: 0, resource: 0, domain: 0 },
  domains: [],
  inbound: 0,
  outbound: 0,
  manyInbound: false,
  manyOutbound: false,
});

const api: Pick<TeamflowApi, 'getTeamNeighbourhood' | 'getStructuralLoad'> = {
  getTeamNeighbourhood: async () => ({
    generatedAt: '2026-11-21T12:00:00Z',
    team: node('checkout'),
    neighbours: [node('discovery'), node('store-ops')],
    edges: [
      {
        from: 'group:default/checkout',
        to: 'group:default/discovery',
        weight: 1,
        observed: [
          {
            source: 'component:default/basket-service',
            target: 'api:default/product-catalog-api',
            type: 'consumesApi',
          },
        ],
        declared: [],
        classification: 'observed-undeclared',
        blocking: false,
        overdue: false,
      },
      {
        from: 'group:default/store-ops',
        to: 'group:default/checkout',
        weight: 0,
        observed: [],
        declared: [],
        classification: 'declared-only',
        blocking: true,
        overdue: false,
      },
    ],
  }),
  getStructuralLoad: async () => ({
    teamRef: 'group:default/checkout',
    score: 50.4,
    band: 'overloaded',
    points: 33,
    sizeFactor: 1.53,
    complexDomainPlusOther: false,
    contributions: [{ reason: '8 components', points: 8 }],
  }),
};

describe('TeamNeighbourhoodCard', () => {
  it('shows the load with its reasons and the dependencies both ways', async () => {
    await renderInTestApp(
      <TestApiProvider apis={[[teamflowApiRef, api]]}>
        <EntityProvider entity={checkout}>
          <TeamNeighbourhoodCard />
        </EntityProvider>
      </TestApiProvider>,
      { mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef } },
    );
    expect(await screen.findByText('50.4')).toBeInTheDocument();
    expect(
      screen.getByText('overloaded · 33 points × 1.53 for team size'),
    ).toBeInTheDocument();
    expect(screen.getByText('8 components: 8')).toBeInTheDocument();
    const dependsOn = screen.getByRole('list', { name: 'Depends on' });
    expect(dependsOn).toHaveTextContent('discovery');
    expect(dependsOn).toHaveTextContent('undeclared');
    expect(dependsOn).toHaveTextContent(
      '1 entity-level edge: basket-service → product-catalog-api',
    );
    const dependedOnBy = screen.getByRole('list', { name: 'Depended on by' });
    expect(dependedOnBy).toHaveTextContent('store-ops');
    expect(dependedOnBy).toHaveTextContent('blocking');
    expect(dependedOnBy).toHaveTextContent(
      'No entity-level dependency observed',
    );
  });
});

import { screen } from '@testing-library/react';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import {
  EntityProvider,
  catalogApiRef,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import { catalogApiMock } from '@backstage/plugin-catalog-react/testUtils';
import { Entity } from '@backstage/catalog-model';
import { TeamTopologyCard } from './TeamTopologyCard';

const checkout: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Group',
  metadata: {
    name: 'checkout',
    namespace: 'default',
    labels: { 'teamflow.io/team-type': 'stream-aligned' },
    annotations: {
      'teamflow.io/focus':
        'A basket-to-paid-order flow that never loses a customer.',
      'teamflow.io/value-stream': 'shopping',
    },
    links: [
      { url: 'https://chat.example/team-checkout', title: '#team-checkout' },
    ],
  },
  spec: { type: 'team', children: [] },
  relations: [
    { type: 'ownerOf', targetRef: 'api:default/basket-api' },
    { type: 'ownerOf', targetRef: 'component:default/checkout-service' },
  ],
};

const interaction = (name: string, spec: object): Entity => ({
  apiVersion: 'teamflow.io/v1alpha1',
  kind: 'TeamInteraction',
  metadata: { name, namespace: 'default' },
  spec: { purpose: `${name} purpose`, status: 'active', ...spec },
});

const interactions = [
  interaction('handoff', {
    from: 'group:default/checkout',
    to: 'group:default/order-flow',
    mode: 'collaboration',
    reviewBy: '2020-09-30',
    dependency: { severity: 'slowing' },
  }),
  interaction('sign-in', {
    from: 'group:default/customer-accounts',
    to: 'group:default/checkout',
    mode: 'x-as-a-service',
  }),
  interaction('incident-reviews', {
    from: 'group:default/reliability-enablement',
    to: 'group:default/checkout',
    mode: 'facilitating',
    status: 'ended',
    reviewBy: '2020-03-31',
  }),
  interaction('unrelated', {
    from: 'group:default/data-platform',
    to: 'group:default/search-relevance',
    mode: 'x-as-a-service',
  }),
];

async function renderCard(entity: Entity, entities: Entity[]) {
  await renderInTestApp(
    <TestApiProvider apis={[[catalogApiRef, catalogApiMock({ entities })]]}>
      <EntityProvider entity={entity}>
        <TeamTopologyCard />
      </EntityProvider>
    </TestApiProvider>,
    { mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef } },
  );
}

describe('TeamTopologyCard', () => {
  it("shows the team's type, focus, value stream, channels and what it provides", async () => {
    await renderCard(checkout, interactions);
    expect(screen.getByText('Stream-aligned')).toBeInTheDocument();
    expect(
      screen.getByText(
        'A basket-to-paid-order flow that never loses a customer.',
      ),
    ).toBeInTheDocument();
    expect(screen.getByText('Shopping')).toBeInTheDocument();
    expect(screen.getByText('#team-checkout')).toBeInTheDocument();
    expect(screen.getByText('basket-api')).toBeInTheDocument();
    expect(screen.queryByText('checkout-service')).not.toBeInTheDocument();
  });

  it('lists current interactions from this team’s side, flags overdue reviews, hides ended ones', async () => {
    await renderCard(checkout, interactions);
    const list = await screen.findByRole('list', { name: 'Interactions' });
    const items = list.querySelectorAll('li');
    expect(items).toHaveLength(2);
    expect(items[0]).toHaveTextContent('collaborates with');
    expect(items[0]).toHaveTextContent('order-flow');
    expect(items[0]).toHaveTextContent('slowing');
    expect(items[0]).toHaveTextContent('review overdue since 30 Sep 2020');
    expect(items[1]).toHaveTextContent('consumes a service from');
    expect(items[1]).toHaveTextContent('customer-accounts');
    expect(
      screen.getByText('1 ended interaction not shown.'),
    ).toBeInTheDocument();
    expect(screen.queryByText('unrelated purpose')).not.toBeInTheDocument();
  });

  it('shows an undeclared team and the empty states', async () => {
    const plain = {
      ...checkout,
      metadata: { name: 'internal-tools', namespace: 'default' },
      relations: [],
    };
    await renderCard(plain, interactions);
    expect(screen.getByText('Type undeclared')).toBeInTheDocument();
    expect(
      screen.getByText('No channels listed (metadata.links)'),
    ).toBeInTheDocument();
    expect(screen.getByText('No APIs owned')).toBeInTheDocument();
    expect(
      await screen.findByText(/No declared interactions/),
    ).toBeInTheDocument();
  });
});

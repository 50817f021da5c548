import { screen } from '@testing-library/react';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import {
  EntityProvider,
  catalogApiRef,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import { catalogApiMock } from '@backstage/plugin-catalog-react/testUtils';
import { Entity } from '@backstage/catalog-model';
import { ServesPersonasCard } from './ServesPersonasCard';

const persona = (name: string, title: string): Entity => ({
  apiVersion: 'teamflow.io/v1alpha1',
  kind: 'Persona',
  metadata: { name, namespace: 'default', title },
  spec: {
    type: 'end-user',
    owner: 'group:default/discovery',
    lifecycle: 'validated',
  },
});

const discovery: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Group',
  metadata: {
    name: 'discovery',
    namespace: 'default',
    title: 'Discovery',
    labels: { 'teamflow.io/team-type': 'stream-aligned' },
  },
  spec: { type: 'team', children: [] },
  relations: [
    {
      type: 'teamflow.io/serves',
      targetRef: 'persona:default/weekly-family-shopper',
    },
    {
      type: 'teamflow.io/serves',
      targetRef: 'persona:default/last-minute-shopper',
    },
  ],
};

const shopperApp: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'shopper-app', namespace: 'default' },
  spec: { type: 'mobile-app', owner: 'discovery', lifecycle: 'production' },
  relations: [
    { type: 'ownedBy', targetRef: 'group:default/discovery' },
    {
      type: 'teamflow.io/usedBy',
      targetRef: 'persona:default/weekly-family-shopper',
    },
  ],
};

const entities = [
  discovery,
  persona('weekly-family-shopper', 'Weekly family shopper'),
  persona('last-minute-shopper', 'Last-minute shopper'),
];

describe('ServesPersonasCard', () => {
  it("names the owner's team type and the personas served, directly and through the team", async () => {
    await renderInTestApp(
      <TestApiProvider apis={[[catalogApiRef, catalogApiMock({ entities })]]}>
        <EntityProvider entity={shopperApp}>
          <ServesPersonasCard />
        </EntityProvider>
      </TestApiProvider>,
      { mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef } },
    );
    const list = await screen.findByRole('list', { name: 'Personas served' });
    const items = list.querySelectorAll('li');
    expect(items).toHaveLength(2);
    expect(items[0]).toHaveTextContent('Weekly family shopper');
    expect(items[0]).toHaveTextContent('uses it directly · through Discovery');
    expect(items[1]).toHaveTextContent('Last-minute shopper');
    expect(items[1]).toHaveTextContent('through Discovery');
    expect(screen.getByText('Stream-aligned')).toBeInTheDocument();
  });

  it('says so when neither the entity nor its owner is linked to a persona', async () => {
    await renderInTestApp(
      <TestApiProvider
        apis={[[catalogApiRef, catalogApiMock({ entities: [] })]]}
      >
        <EntityProvider entity={{ ...shopperApp, relations: [] }}>
          <ServesPersonasCard />
        </EntityProvider>
      </TestApiProvider>,
      { mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef } },
    );
    expect(
      await screen.findByText('Not owned by a team in the catalog.'),
    ).toBeInTheDocument();
    expect(
      screen.getByText(
        'No persona is linked to this entity or its owning team.',
      ),
    ).toBeInTheDocument();
  });
});

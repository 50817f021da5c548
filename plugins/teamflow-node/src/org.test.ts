import {
  createBackendPlugin,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import { startTestBackend } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { OrgModel } from './org';
import { OrgModelService, orgModelServiceRef } from './service';

const group = (
  name: string,
  spec: Record<string, unknown>,
  extra: {
    labels?: Record<string, string>;
    relations?: Array<[string, string]>;
  } = {},
): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Group',
  metadata: { name, namespace: 'default', labels: extra.labels },
  spec: { children: [], ...spec },
  relations: (extra.relations ?? []).map(([type, targetRef]) => ({
    type,
    targetRef,
  })),
});

const entities: Entity[] = [
  group(
    'Commerce',
    { type: 'department' },
    {
      relations: [
        ['parentOf', 'group:default/Checkout'],
        ['parentOf', 'group:default/payments'],
      ],
    },
  ),
  // A team by spec.type, without a declared Team Topologies type.
  group(
    'Checkout',
    { type: 'team' },
    {
      relations: [
        ['childOf', 'group:default/Commerce'],
        ['hasMember', 'user:default/Ana'],
      ],
    },
  ),
  // A team by its label, whatever its spec.type says.
  group(
    'payments',
    { type: 'squad' },
    {
      labels: { 'teamflow.io/team-type': 'complicated-subsystem' },
      relations: [
        ['childOf', 'group:default/Commerce'],
        ['parentOf', 'group:default/fraud'],
      ],
    },
  ),
  group(
    'fraud',
    { type: 'team' },
    { relations: [['childOf', 'group:default/payments']] },
  ),
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name: 'Checkout-Service', namespace: 'default' },
    spec: {
      type: 'service',
      owner: 'Checkout',
      lifecycle: 'production',
      system: 'shop',
      description: 'not read',
    },
    relations: [{ type: 'ownedBy', targetRef: 'group:default/Checkout' }],
  },
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Domain',
    metadata: { name: 'commerce', namespace: 'default' },
    spec: { owner: 'Checkout' },
  },
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Resource',
    metadata: { name: 'orphan-db', namespace: 'default' },
    spec: { type: 'database' },
  },
];

describe('OrgModel', () => {
  const model = OrgModel.fromEntities(entities, 0);

  it('has one rule for teams: a Team Topologies label, or spec.type team', () => {
    expect(model.teams().map(t => [t.ref, t.teamType])).toEqual([
      ['group:default/checkout', 'undeclared'],
      ['group:default/fraud', 'undeclared'],
      ['group:default/payments', 'complicated-subsystem'],
    ]);
    expect(model.isTeam('group:default/Commerce')).toBe(false);
    expect(model.isTeam('Group:Default/PAYMENTS')).toBe(true);
  });

  it('keeps the hierarchy and members with lower-cased refs', () => {
    expect(model.groupAndDescendants('group:default/Commerce')).toEqual([
      'group:default/commerce',
      'group:default/checkout',
      'group:default/payments',
      'group:default/fraud',
    ]);
    expect(model.groups.get('group:default/checkout')).toMatchObject({
      title: 'Checkout',
      groupType: 'team',
      parent: 'group:default/commerce',
      members: ['user:default/ana'],
    });
  });

  it('knows who owns what, and what it does not track', () => {
    expect(model.ownerOf('component:default/checkout-service')).toBe(
      'group:default/checkout',
    );
    expect(model.ownerOf('resource:default/orphan-db')).toBeNull();
    expect(model.ownerOf('component:default/unknown')).toBeUndefined();
  });
});

describe('orgModelServiceRef', () => {
  it('reads the catalog once for every plugin of a backend', async () => {
    const catalog = catalogServiceMock({ entities });
    const getEntities = jest.spyOn(catalog, 'getEntities');
    const seen: OrgModel[] = [];
    const plugin = (pluginId: string) =>
      createBackendPlugin({
        pluginId,
        register(env) {
          env.registerInit({
            deps: { org: orgModelServiceRef },
            async init({ org }: { org: OrgModelService }) {
              seen.push(await org.current());
            },
          });
        },
      });
    await startTestBackend({
      features: [
        createServiceFactory({
          service: catalogServiceRef,
          deps: {},
          factory: () => catalog,
        }),
        plugin('one'),
        plugin('two'),
      ],
    });
    expect(seen).toHaveLength(2);
    expect(seen[0]).toBe(seen[1]);
    expect(seen[0].teams()).toHaveLength(3);
    expect(getEntities).toHaveBeenCalledTimes(1);
    // The read is kept for plugins deriving more from it (team graph, tech debt):
    // groups and owned kinds, with the fields they need and no others.
    expect(seen[0].entities.map(e => e.metadata.name).sort()).toEqual([
      'Checkout',
      'Checkout-Service',
      'Commerce',
      'fraud',
      'orphan-db',
      'payments',
    ]);
    const service = seen[0].entities.find(e => e.kind === 'Component')!;
    expect(service.spec).toEqual({
      type: 'service',
      lifecycle: 'production',
      system: 'shop',
    });
  });
});

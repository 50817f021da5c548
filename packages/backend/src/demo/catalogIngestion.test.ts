import path from 'node:path';
import request from 'supertest';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
  TestBackend,
  TestDatabases,
} from '@backstage/backend-test-utils';
import catalogPlugin from '@backstage/plugin-catalog-backend';
import catalogModuleTeamflow from '@teamflow/plugin-catalog-backend-module-teamflow';
import scaffolderEntityModel from '@backstage/plugin-catalog-backend-module-scaffolder-entity-model';
import { Entity } from '@backstage/catalog-model';
import {
  computeStructuralLoad,
  deriveTeamGraph,
} from '@teamflow/plugin-teamflow-common';
import { backendDir, countDocuments, readAppConfig } from './demoOrganisation';

// The portal's own catalog configuration, with file targets made absolute.
const appConfig = readAppConfig();
// Plus a fixture with an invalid and a valid Persona, to show an invalid entity disturbs nothing.
const invalidFixture = path.resolve(
  __dirname,
  '__fixtures__/teamflow-invalid.yaml',
);
const catalogConfig = {
  ...appConfig.catalog,
  locations: [
    ...appConfig.catalog.locations.map((l: any) => ({
      ...l,
      target: path.resolve(backendDir, l.target),
    })),
    { type: 'file', target: invalidFixture },
  ],
};

const databases = TestDatabases.create();

describe('database engines under test', () => {
  it('include PostgreSQL when the test command provides one', () => {
    const ids = databases.eachSupportedId().map(([id]) => id);
    expect(ids).toContain('SQLITE_3');
    // ./teamflow test starts PostgreSQL and sets TEAMFLOW_REQUIRE_POSTGRES, so a missing
    // connection string fails here instead of silently testing SQLite only.
    const postgresRequired = Boolean(process.env.TEAMFLOW_REQUIRE_POSTGRES);
    const hasPostgres = ids.some(id => id.startsWith('POSTGRES'));
    const problem =
      postgresRequired && !hasPostgres
        ? 'PostgreSQL is required but no BACKSTAGE_TEST_DATABASE_POSTGRES*_CONNECTION_STRING is set'
        : undefined;
    expect(problem).toBeUndefined();
  });
});

describe.each(databases.eachSupportedId())(
  'the demo organisation in the catalog on %s',
  databaseId => {
    let backend: TestBackend;
    let entities: Entity[];

    const byRef = (ref: string) =>
      entities.find(
        e =>
          `${e.kind}:${e.metadata.namespace}/${e.metadata.name}`.toLowerCase() ===
          ref,
      );
    const related = (ref: string, type: string) =>
      (byRef(ref)?.relations ?? [])
        .filter(r => r.type === type)
        .map(r => r.targetRef)
        .sort();

    beforeAll(async () => {
      const knex = await databases.init(databaseId);
      backend = await startTestBackend({
        features: [
          catalogPlugin,
          scaffolderEntityModel,
          catalogModuleTeamflow,
          mockServices.database.factory({ knex }),
          mockServices.rootConfig.factory({ data: { catalog: catalogConfig } }),
        ],
      });
      // Wait until the processing loop has stitched every entity the configured files hold
      // (relations present), however slow the machine.
      // (minus the one invalid fixture entity, which must never appear)
      const expected =
        catalogConfig.locations.reduce(
          (sum: number, l: any) => sum + countDocuments(l.target),
          0,
        ) - 1;
      const deadline = Date.now() + 90_000;
      for (;;) {
        const res = await request(backend.server)
          .get('/api/catalog/entities')
          .set('Authorization', mockCredentials.user.header());
        entities = res.body.filter((e: Entity) => e.kind !== 'Location');
        const stitched =
          entities.length === expected &&
          entities.every(e => e.relations?.length);
        if (stitched || Date.now() > deadline) break;
        await new Promise(r => setTimeout(r, 500));
      }
    }, 120_000);

    afterAll(() => backend.stop());

    it('loads the whole organisation with no entity left unprocessed', () => {
      const count = (kind: string) =>
        entities.filter(e => e.kind === kind).length;
      // Hand-counted from examples/: 21 groups, 47 users, 8 domains, 16 systems,
      // 68 demo components + this repository, 25 APIs, 22 resources, 8 personas, 16 interactions.
      expect({
        Group: count('Group'),
        User: count('User'),
        Domain: count('Domain'),
        System: count('System'),
        Component: count('Component'),
        API: count('API'),
        Resource: count('Resource'),
        Persona: count('Persona'),
        TeamInteraction: count('TeamInteraction'),
      }).toEqual({
        Group: 21,
        User: 47,
        Domain: 8,
        System: 16,
        Component: 69,
        API: 25,
        Resource: 22,
        Persona: 8 + 1, // the demo's 8 and the valid fixture persona
        TeamInteraction: 16,
      });
    });

    it('gives every team its Team Topologies type, except the one left undeclared', () => {
      const teams = entities.filter(
        e => e.kind === 'Group' && (e.spec as any).type === 'team',
      );
      const types = teams.map(
        t => t.metadata.labels?.['teamflow.io/team-type'] ?? 'undeclared',
      );
      const tally = types.reduce<Record<string, number>>(
        (acc, t) => ({ ...acc, [t]: (acc[t] ?? 0) + 1 }),
        {},
      );
      expect(tally).toEqual({
        'stream-aligned': 8,
        platform: 3,
        enabling: 1,
        'complicated-subsystem': 2,
        undeclared: 1,
      });
    });

    it('resolves memberships, hierarchy and ownership into relations', () => {
      expect(related('user:default/maya.okafor', 'memberOf')).toEqual([
        'group:default/checkout',
      ]);
      expect(related('user:default/noah.fischer', 'memberOf')).toEqual([
        'group:default/cloud-infrastructure',
        'group:default/reliability-enablement',
      ]);
      expect(related('group:default/checkout', 'childOf')).toEqual([
        'group:default/shopping',
      ]);
      expect(related('group:default/checkout', 'ownerOf')).toEqual(
        expect.arrayContaining([
          'component:default/checkout-service',
          'component:default/payments-gateway',
          'system:default/payments',
        ]),
      );
      // A cross-team edge: Checkout's basket service consumes Store Ops' inventory API.
      expect(
        related('component:default/basket-service', 'consumesApi'),
      ).toContain('api:default/inventory-api');
      expect(related('api:default/inventory-api', 'ownedBy')).toEqual([
        'group:default/store-ops',
      ]);
    });

    it('has exactly one component whose owner is not a group, on purpose', () => {
      const groups = new Set(
        entities
          .filter(e => e.kind === 'Group')
          .map(e => `group:default/${e.metadata.name}`),
      );
      const notGroupOwned = entities
        .filter(e =>
          ['Component', 'API', 'System', 'Resource'].includes(e.kind),
        )
        .filter(
          e =>
            !related(
              `${e.kind.toLowerCase()}:default/${e.metadata.name}`,
              'ownedBy',
            ).every(r => groups.has(r)),
        )
        .map(e => e.metadata.name);
      expect(notGroupOwned).toEqual(['promo-banner-service']);
    });

    it('relates personas and teams both ways', () => {
      expect(
        related('persona:default/courier', 'teamflow.io/servedBy'),
      ).toEqual([
        'group:default/courier-app',
        'group:default/route-optimisation',
      ]);
      expect(related('group:default/checkout', 'teamflow.io/serves')).toEqual([
        'persona:default/last-minute-shopper',
        'persona:default/weekly-family-shopper',
      ]);
      expect(
        related('component:default/picker-app', 'teamflow.io/usedBy'),
      ).toEqual(['persona:default/store-picker']);
      expect(
        related('persona:default/support-agent', 'teamflow.io/servedBy'),
      ).toEqual([]);
    });

    it('relates teams through their active interactions only', () => {
      expect(
        related('group:default/data-platform', 'teamflow.io/providesServiceTo'),
      ).toEqual([
        'group:default/route-optimisation',
        'group:default/search-relevance',
      ]);
      expect(
        related('group:default/order-flow', 'teamflow.io/collaboratesWith'),
      ).toEqual(['group:default/checkout']);
      // Facilitating Order Flow is active; Courier Experience is planned, Checkout ended.
      expect(
        related(
          'group:default/reliability-enablement',
          'teamflow.io/facilitates',
        ),
      ).toEqual(['group:default/order-flow']);
    });

    it('refuses an invalid Teamflow entity, naming the field, without disturbing others', async () => {
      expect(byRef('persona:default/broken-persona')).toBeUndefined();
      expect(byRef('persona:default/fixture-persona')).toBeDefined();
      const res = await request(backend.server)
        .post('/api/catalog/validate-entity')
        .set('Authorization', mockCredentials.user.header())
        .send({
          location: 'url:https://example.com/persona.yaml',
          entity: {
            apiVersion: 'teamflow.io/v1alpha1',
            kind: 'Persona',
            metadata: { name: 'broken-persona' },
            spec: {
              type: 'end-user',
              owner: 'group:default/discovery',
              lifecycle: 'validated',
              servedBy: ['user:default/maya.okafor'],
            },
          },
        });
      expect(res.status).toBe(400);
      expect(JSON.stringify(res.body)).toContain(
        "spec.servedBy[0] must refer to a Group, got 'user:default/maya.okafor'",
      );
    });

    it("derives the team graph with the demo's seeded findings", () => {
      const graph = deriveTeamGraph(entities, '2026-11-21');
      const edge = (from: string, to: string) =>
        graph.edges.find(
          e =>
            e.from === `group:default/${from}` &&
            e.to === `group:default/${to}`,
        );
      // Undeclared: Discovery's storefront uses Customer Accounts' APIs (4 entity edges).
      expect(edge('discovery', 'customer-accounts')).toMatchObject({
        classification: 'observed-undeclared',
        weight: 4,
      });
      // The collaboration past its review date, observed both ways.
      expect(edge('checkout', 'order-flow')).toMatchObject({
        classification: 'declared-and-observed',
        overdue: true,
      });
      expect(edge('order-flow', 'checkout')?.overdue).toBe(true);
      // Store Operations' service to Order Flow is declared blocking.
      expect(edge('order-flow', 'store-ops')).toMatchObject({
        classification: 'declared-and-observed',
        blocking: true,
        weight: 3,
      });
      // 15 teams; 59 observed team pairs (the person-owned component is no team's).
      expect(graph.nodes).toHaveLength(15);
      expect(graph.edges.filter(e => e.weight > 0)).toHaveLength(59);
      // Unusually many: inbound counts 0,0,1,2,3,3,3,3,3,3,4,7,7,8,12 give Q1 2.5, Q3 5.5,
      // fence 5.5 + 1.5 × 3 = 10; outbound 0,1,1,2,2,2,4,4,4,5,5,6,7,8,8 give 2 and 5.5,
      // fence 10.75. Only Data Platform (12 teams depend on it) is above a fence.
      expect(graph.thresholds).toEqual({ inbound: 10, outbound: 10.75 });
      expect(
        graph.nodes
          .filter(n => n.manyInbound || n.manyOutbound)
          .map(n => [n.ref, n.inbound, n.manyInbound]),
      ).toEqual([['group:default/data-platform', 12, true]]);
    });

    it('scores structural load with reasons, spread across the bands', () => {
      const load = computeStructuralLoad(
        entities,
        deriveTeamGraph(entities, '2026-11-21'),
      );
      const of = (team: string) =>
        load.find(l => l.teamRef === `group:default/${team}`)!;
      // Checkout: 8 components, 2 systems (4), 3 APIs, 3 resources (1.5), 1 domain (3),
      // 2 complicated (4), 8 teams depended on, 3 depending on it (1.5) = 33 points;
      // 3 people: x sqrt(7/3) = 50.4, overloaded.
      expect(of('checkout')).toMatchObject({
        points: 33,
        score: 50.4,
        band: 'overloaded',
      });
      expect(of('route-optimisation').contributions).toContainEqual({
        reason: '2 complex domains or systems',
        points: 10,
      });
      // Route Optimisation owns only what is inside its complex domain.
      expect(of('route-optimisation').complexDomainPlusOther).toBe(false);
      expect(of('reliability-enablement')).toMatchObject({
        score: 0,
        band: 'low',
      });
      const bands = load.reduce<Record<string, number>>(
        (acc, l) => ({ ...acc, [l.band]: (acc[l.band] ?? 0) + 1 }),
        {},
      );
      expect(bands).toEqual({ overloaded: 1, high: 4, moderate: 9, low: 1 });
    });

    it('knows every demo sign-in user as a User with a team', () => {
      const demoUsers = readAppConfig().auth.providers.demo.users.map(
        (u: any) => u.entityRef,
      );
      expect(demoUsers.length).toBeGreaterThanOrEqual(3);
      for (const ref of demoUsers) {
        expect(related(ref, 'memberOf').length).toBeGreaterThan(0);
      }
    });
  },
);

import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { Entity } from '@backstage/catalog-model';
import request from 'supertest';
import { teamflowPlugin } from './plugin';

const team = (name: string, type: string): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Group',
  metadata: {
    name,
    namespace: 'default',
    labels: { 'teamflow.io/team-type': type },
  },
  spec: { type: 'team', children: [] },
  relations: [],
});
const component = (
  name: string,
  owner: string,
  deps: string[] = [],
): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name, namespace: 'default' },
  spec: { type: 'service' },
  relations: [
    { type: 'ownedBy', targetRef: `group:default/${owner}` },
    ...deps.map(targetRef => ({ type: 'dependsOn', targetRef })),
  ],
});

// checkout depends on store-ops twice (undeclared); platform serves checkout (declared, unused).
const entities: Entity[] = [
  team('checkout', 'stream-aligned'),
  team('store-ops', 'stream-aligned'),
  team('platform', 'platform'),
  component('basket', 'checkout', ['component:default/inventory']),
  component('checkout-svc', 'checkout', ['component:default/inventory']),
  component('inventory', 'store-ops'),
  {
    apiVersion: 'teamflow.io/v1alpha1',
    kind: 'Persona',
    metadata: { name: 'shopper', namespace: 'default' },
    spec: {},
    relations: [
      { type: 'teamflow.io/servedBy', targetRef: 'group:default/checkout' },
    ],
  },
  {
    apiVersion: 'teamflow.io/v1alpha1',
    kind: 'TeamInteraction',
    metadata: { name: 'platform-serves-checkout', namespace: 'default' },
    spec: {
      from: 'group:default/platform',
      to: 'group:default/checkout',
      mode: 'x-as-a-service',
      purpose: 'CI/CD',
      status: 'active',
    },
  },
];

async function start(
  permissions = mockServices.permissions.factory(),
  catalog: any = catalogServiceMock.factory({ entities }),
) {
  const { server } = await startTestBackend({
    features: [
      teamflowPlugin,
      catalog,
      permissions,
      // A request without an Authorization header has no credentials.
      mockServices.httpAuth.factory({
        defaultCredentials: mockCredentials.none(),
      }),
    ],
  });
  return server;
}

const user = mockCredentials.user.header();

describe('teamflow backend', () => {
  it('serves the team map without the entity-level edges', async () => {
    const res = await request(await start())
      .get('/api/teamflow/graph')
      .set('Authorization', user);
    expect(res.status).toBe(200);
    expect(
      res.body.nodes.map((n: any) => [n.ref, n.type, n.inbound, n.outbound]),
    ).toEqual([
      ['group:default/checkout', 'stream-aligned', 0, 1],
      ['group:default/platform', 'platform', 0, 0],
      ['group:default/store-ops', 'stream-aligned', 1, 0],
    ]);
    expect(
      res.body.edges.map((e: any) => [
        e.from,
        e.to,
        e.weight,
        e.classification,
      ]),
    ).toEqual([
      ['group:default/checkout', 'group:default/platform', 0, 'declared-only'],
      [
        'group:default/checkout',
        'group:default/store-ops',
        2,
        'observed-undeclared',
      ],
    ]);
    expect(res.body.edges[1].observed).toBeUndefined();
  });

  it("serves one team's neighbourhood with the edges behind it", async () => {
    const res = await request(await start())
      .get('/api/teamflow/graph/teams/default/store-ops')
      .set('Authorization', user);
    expect(res.status).toBe(200);
    expect(res.body.neighbours.map((n: any) => n.ref)).toEqual([
      'group:default/checkout',
    ]);
    expect(res.body.edges[0].observed).toEqual([
      {
        source: 'component:default/basket',
        target: 'component:default/inventory',
        type: 'dependsOn',
      },
      {
        source: 'component:default/checkout-svc',
        target: 'component:default/inventory',
        type: 'dependsOn',
      },
    ]);
  });

  it.each([
    [
      '/api/teamflow/graph/edge?from=group:default/checkout&to=group:default/store-ops',
      200,
      undefined,
    ],
    [
      '/api/teamflow/graph/edge?from=group:default/checkout',
      400,
      "Query parameter 'to' is required: a team entity ref such as group:default/checkout",
    ],
    [
      '/api/teamflow/graph/edge?from=group:default/store-ops&to=group:default/checkout',
      404,
      'No dependency from group:default/store-ops to group:default/checkout',
    ],
    [
      '/api/teamflow/graph/teams/default/nobody',
      404,
      'No team group:default/nobody in the catalog',
    ],
    [
      '/api/teamflow/structural-load/default/nobody',
      404,
      'No team group:default/nobody in the catalog',
    ],
  ])('GET %s answers %i', async (path, status, message) => {
    const res = await request(await start())
      .get(path)
      .set('Authorization', user);
    expect(res.status).toBe(status);
    expect(res.body.error?.message).toBe(message);
  });

  it('scores structural load per team with reasons', async () => {
    const res = await request(await start())
      .get('/api/teamflow/structural-load/default/checkout')
      .set('Authorization', user);
    // 2 components (2) + 1 team depended on (1); no members listed, so factor 1.
    expect(res.body.load).toMatchObject({
      points: 3,
      score: 3,
      band: 'low',
      contributions: [
        { reason: '2 components', points: 2 },
        { reason: '1 teams depended on', points: 1 },
      ],
    });
  });

  it('refuses requests without credentials', async () => {
    const res = await request(await start()).get('/api/teamflow/graph');
    expect(res.status).toBe(401);
  });

  it('refuses callers who may not read the catalog', async () => {
    const deny = mockServices.permissions.mock({
      authorizeConditional: async () => [{ result: AuthorizeResult.DENY }],
    });
    const res = await request(await start(deny.factory as any))
      .get('/api/teamflow/graph')
      .set('Authorization', user);
    expect(res.status).toBe(403);
  });

  it.each([
    // checkout -> platform (declared) and checkout -> store-ops (undeclared) come
    // along as context of the matched platform team only where they touch it.
    ['type=platform', ['group:default/platform'], 1],
    ['problems=true', ['group:default/checkout', 'group:default/store-ops'], 1],
    ['valueStream=nowhere', [], 0],
  ])('filters the map by %s', async (query, matched, edges) => {
    const res = await request(await start())
      .get(`/api/teamflow/graph?${query}`)
      .set('Authorization', user);
    expect(res.status).toBe(200);
    expect(res.body.matched).toEqual(matched);
    expect(res.body.edges).toHaveLength(edges);
  });

  it.each([
    [
      'type=stream-aligned,squad',
      "Query parameter 'type' has unknown team type(s) squad; expected any of stream-aligned, platform, enabling, complicated-subsystem, undeclared",
    ],
    [
      'problems=yes',
      "Query parameter 'problems' must be true or false, got 'yes'",
    ],
    [
      'domain=user:default/x',
      "Query parameter 'domain' must be a domain entity ref such as domain:default/payments, got 'user:default/x'",
    ],
    [
      'valueStream=a&valueStream=b',
      "Query parameter 'valueStream' must be given once",
    ],
  ])('refuses the map filter %s with 400', async (query, message) => {
    const res = await request(await start())
      .get(`/api/teamflow/graph?${query}`)
      .set('Authorization', user);
    expect(res.status).toBe(400);
    expect(res.body.error.message).toBe(message);
  });

  it('summarises the organisation with the org-health scorecard', async () => {
    const res = await request(await start())
      .get('/api/teamflow/overview')
      .set('Authorization', user);
    expect(res.status).toBe(200);
    expect(res.body.teams.byType['stream-aligned']).toBe(2);
    expect(res.body.dependencies).toMatchObject({
      teamEdges: 2,
      observedUndeclared: 1,
      declaredOnly: 1,
    });
    expect(res.body.personas).toMatchObject({
      total: 1,
      served: 1,
      streamAlignedWithout: ['group:default/store-ops'],
    });
    expect(res.body.scorecard.map((s: any) => [s.id, s.value, s.of])).toEqual([
      ['stream-aligned-with-persona', 1, 2],
      ['teams-over-load-threshold', 0, 3],
      ['blocking-dependencies', 0, undefined],
      ['overdue-collaborations', 0, undefined],
      ['components-not-owned-by-a-team', 0, 3],
      ['teams-without-type', 0, 3],
    ]);
  });

  it('shows a caller who may read only part of the catalog only that part', async () => {
    // The policy answers "conditional"; the catalog then lets this user read
    // checkout's and platform's entities, not store-ops or its component.
    const conditional = mockServices.permissions.mock({
      authorizeConditional: async () =>
        [{ result: AuthorizeResult.CONDITIONAL, conditions: {} }] as any,
    });
    const hidden = new Set(['store-ops', 'inventory']);
    const catalog = catalogServiceMock.mock({
      getEntities: async (_request: any, options: any) => ({
        items:
          options.credentials.principal.type === 'service'
            ? entities
            : entities.filter(e => !hidden.has(e.metadata.name)),
      }),
    });
    const server = await start(conditional.factory as any, catalog.factory);
    const map = await request(server)
      .get('/api/teamflow/graph')
      .set('Authorization', user);
    expect(map.body.nodes.map((n: any) => [n.ref, n.outbound])).toEqual([
      // checkout's dependency on store-ops is not visible, nor counted
      ['group:default/checkout', 0],
      ['group:default/platform', 0],
    ]);
    expect(map.body.edges.map((e: any) => e.classification)).toEqual([
      'declared-only',
    ]);
    const overview = await request(server)
      .get('/api/teamflow/overview')
      .set('Authorization', user);
    expect(overview.body.teams.total).toBe(2);
    expect(overview.body.ownership.components).toBe(2);
  });

  it('takes a snapshot on demand, and answers what changed and structural load as of a day, with days checked', async () => {
    const server = await start();
    const taken = await request(server)
      .post('/api/teamflow/history/snapshots')
      .set('Authorization', user);
    expect(taken.status).toBe(201);
    const today = new Date().toISOString().slice(0, 10);
    // three teams; checkout → store-ops observed, checkout → platform declared
    expect(taken.body).toEqual({ takenOn: today, teams: 3, dependencies: 2 });
    // One day of history: nothing to compare last week with.
    const changes = await request(server)
      .get('/api/teamflow/history/changes')
      .set('Authorization', user);
    expect(changes.status).toBe(200);
    expect(changes.body).toEqual({
      status: 'not-enough-history',
      earliest: today,
    });
    for (const [query, message] of [
      ['from=2026-02-30', "'from' must be a day YYYY-MM-DD, got '2026-02-30'"],
      ['to=yesterday', "'to' must be a day YYYY-MM-DD, got 'yesterday'"],
      ['from=2026-11-30&to=2026-11-23', 'from (2026-11-30) must be before to'],
    ]) {
      const bad = await request(server)
        .get(`/api/teamflow/history/changes?${query}`)
        .set('Authorization', user);
      expect([bad.status, bad.body.error.message]).toEqual([
        400,
        expect.stringContaining(message),
      ]);
    }
    const anonymous = await request(server).get(
      '/api/teamflow/history/changes',
    );
    expect(anonymous.status).toBe(401);

    // Structural load as of today's snapshot: the live scores and bands.
    const get = (path: string) =>
      request(server).get(`/api/teamflow${path}`).set('Authorization', user);
    const live = await get('/structural-load');
    const past = await get(`/structural-load?asOf=${today}`);
    expect(past.status).toBe(200);
    expect(past.body.asOf).toEqual({ requested: today, snapshotOn: today });
    const scores = (teams: any[]) =>
      teams
        .map(t => [t.teamRef, t.score, t.band])
        .sort((a, b) => a[0].localeCompare(b[0]));
    expect(scores(past.body.teams)).toEqual(scores(live.body.teams));
    expect(past.body.teams.map((t: any) => t.title).sort()).toEqual([
      'checkout',
      'platform',
      'store-ops',
    ]);
    const one = await get(`/structural-load/default/checkout?asOf=${today}`);
    expect(one.body.load).toMatchObject({
      teamRef: 'group:default/checkout',
      score: live.body.teams.find(
        (t: any) => t.teamRef === 'group:default/checkout',
      ).score,
    });
    // Before the history starts, and a day that is not one.
    const before = await get('/structural-load?asOf=2020-01-01');
    expect([before.status, before.body.error.message]).toEqual([
      404,
      `No history on or before 2020-01-01: it starts on ${today}`,
    ]);
    const bad = await get('/structural-load?asOf=soon');
    expect([bad.status, bad.body.error.message]).toEqual([
      400,
      "Query parameter 'asOf' must be a day YYYY-MM-DD, got 'soon'",
    ]);
    expect(
      (await get(`/structural-load/default/nobody?asOf=${today}`)).status,
    ).toBe(404);

    // The overview as of today's snapshot: every number of today's overview.
    const { generatedAt: _at, ...overview } = (await get('/overview')).body;
    const pastOverview = await get(`/overview?asOf=${today}`);
    expect(pastOverview.status).toBe(200);
    const { asOf: kept, ...asOfToday } = pastOverview.body;
    expect(kept).toEqual({ requested: today, snapshotOn: today });
    expect(asOfToday).toEqual(overview);
    expect((await get('/overview?asOf=2020-01-01')).status).toBe(404);
  });

  it('leaves on-demand snapshots to holders of teamflow.history.snapshot', async () => {
    const permissions = mockServices.permissions.mock({
      authorize: async () => [{ result: AuthorizeResult.DENY }] as any,
    });
    const server = await start(permissions.factory as any);
    const refused = await request(server)
      .post('/api/teamflow/history/snapshots')
      .set('Authorization', user);
    expect(refused.status).toBe(403);
    expect(refused.body.error.message).toContain('teamflow.history.snapshot');
  });
});

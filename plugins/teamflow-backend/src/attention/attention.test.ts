import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { Entity } from '@backstage/catalog-model';
import request from 'supertest';
// The real plugins whose numbers the table borrows, started beside it.
// eslint-disable-next-line @backstage/no-mixed-plugin-imports
import deliveryPlugin from '@teamflow/plugin-delivery-backend';
// eslint-disable-next-line @backstage/no-mixed-plugin-imports
import techDebtPlugin from '@teamflow/plugin-tech-debt-backend';
import { AttentionResponse } from '@teamflow/plugin-teamflow-common';
import { teamflowPlugin } from '../plugin';

const team = (name: string, type: string): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Group',
  metadata: {
    name,
    namespace: 'default',
    title: name.replace(
      /(^|-)(\w)/g,
      (_, s, c) => `${s ? ' ' : ''}${c.toUpperCase()}`,
    ),
    labels: { 'teamflow.io/team-type': type },
  },
  spec: { type: 'team', children: [] },
  relations: [],
});
const component = (name: string, owner: string, deps: string[] = []) => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name, namespace: 'default' },
  spec: { type: 'service', lifecycle: 'production', owner },
  relations: [
    { type: 'ownedBy', targetRef: `group:default/${owner}` },
    ...deps.map(targetRef => ({ type: 'dependsOn', targetRef })),
  ],
});

// Order Flow: calls Checkout's service under a blocking collaboration past
// its review date, serves no persona, fails 3 of its 5 deployments and
// carries most of the debt. Checkout serves a persona and deploys cleanly.
// Platform has a little debt and no delivery source.
const entities: Entity[] = [
  team('order-flow', 'stream-aligned'),
  team('checkout', 'stream-aligned'),
  team('platform', 'platform'),
  component('order-service', 'order-flow', ['component:default/checkout-svc']),
  component('checkout-svc', 'checkout'),
  component('build-tools', 'platform'),
  {
    apiVersion: 'teamflow.io/v1alpha1',
    kind: 'Persona',
    metadata: { name: 'shopper', namespace: 'default', title: 'Shopper' },
    spec: {},
    relations: [
      { type: 'teamflow.io/servedBy', targetRef: 'group:default/checkout' },
    ],
  },
  {
    apiVersion: 'teamflow.io/v1alpha1',
    kind: 'TeamInteraction',
    metadata: { name: 'order-flow-with-checkout', namespace: 'default' },
    spec: {
      from: 'group:default/checkout',
      to: 'group:default/order-flow',
      mode: 'collaboration',
      purpose: 'Split the order state machine',
      status: 'active',
      reviewBy: '2020-01-01',
      dependency: { severity: 'blocking' },
    },
  },
];

const DAY = 86_400_000;
const daysAgo = (n: number) =>
  new Date(Math.floor(Date.now() / DAY) * DAY - n * DAY + 10 * 3_600_000)
    .toISOString()
    .replace('.000', '');

function deployment(entity: string, n: number, status: 'success' | 'failure') {
  const id = `${entity}-${n}`;
  const time = daysAgo(10 * n + 1);
  const type = 'dev.cdevents.service.deployed.0.2.0';
  return {
    specversion: '1.0',
    id,
    source: '/ci/test',
    type,
    time,
    datacontenttype: 'application/json',
    data: {
      context: {
        version: '0.4.1',
        id,
        source: '/ci/test',
        type,
        timestamp: time,
      },
      subject: { id: entity, content: { environment: { id: 'production' } } },
      customData: {
        entityRef: `component:default/${entity}`,
        deploymentId: id,
        status,
      },
    },
  };
}

const ENGINEER = 'user:default/noah';

async function start(plugins: 'all' | 'teamflow only' = 'all') {
  const { server } = await startTestBackend({
    features: [
      teamflowPlugin,
      ...(plugins === 'all' ? [deliveryPlugin, techDebtPlugin] : []),
      catalogServiceMock.factory({ entities }),
      // Everyone may do everything except the engineer, who may not read
      // delivery metrics (their Delivery columns must say so, not vanish).
      mockServices.permissions.mock({
        authorize: async (requests: any[], options: any) =>
          requests.map((r: any) => ({
            result:
              options.credentials.principal.userEntityRef === ENGINEER &&
              r.permission.name === 'delivery.metrics.read'
                ? AuthorizeResult.DENY
                : AuthorizeResult.ALLOW,
          })),
        authorizeConditional: async (requests: any[]) =>
          requests.map(() => ({ result: AuthorizeResult.ALLOW })),
      }).factory,
      mockServices.httpAuth.factory({
        defaultCredentials: mockCredentials.none(),
      }),
    ],
  });
  return server;
}

const cto = mockCredentials.user.header('user:default/ines');

async function seed(server: any) {
  const events = [
    ...[1, 2, 3, 4, 5].map(n =>
      deployment('order-service', n, n <= 3 ? 'failure' : 'success'),
    ),
    ...[1, 2, 3, 4, 5].map(n => deployment('checkout-svc', n, 'success')),
  ];
  const ingest = await request(server)
    .post('/api/delivery/events')
    .set('Authorization', mockCredentials.service.header())
    .send(events);
  expect(ingest.status).toBe(200);
  expect(ingest.body.rejected).toEqual([]);
  const debt = [
    // score 90 / √5 = 40.2
    ['order-service', 5, 16, 'M'],
    // 40 / √2 = 28.3
    ['order-service', 3, 4, 'S'],
    // 25 / √2 = 17.7
    ['checkout-svc', 2, 2, 'S'],
    // 10 / √0.5 = 14.1
    ['build-tools', 1, 0, 'XS'],
  ] as const;
  for (const [entity, impact, interest, effort] of debt) {
    const res = await request(server)
      .post('/api/tech-debt/items')
      .set('Authorization', cto)
      .send({
        entityRef: `component:default/${entity}`,
        title: `Debt in ${entity} ${impact}`,
        category: 'architecture',
        impact,
        effort,
        interestHoursPerMonth: interest,
      });
    expect(res.status).toBe(201);
  }
  // Judging is asynchronous: wait until both teams' deployments count.
  for (let i = 0; i < 100; i++) {
    const org = await request(server)
      .get('/api/delivery/metrics/org?teamTrends=false')
      .set('Authorization', cto);
    const total = (org.body.teams ?? []).reduce(
      (s: number, t: any) => s + t.summary.coverage.deployments,
      0,
    );
    if (total === 10) return;
    await new Promise(r => setTimeout(r, 100));
  }
  throw new Error('delivery events were not judged in 10 s');
}

describe('teams needing attention', () => {
  it('puts every signal of every team side by side, worst team first, from the real plugins', async () => {
    const server = await start();
    await seed(server);
    const res = await request(server)
      .get('/api/teamflow/attention')
      .set('Authorization', cto);
    expect(res.status).toBe(200);
    const body = res.body as AttentionResponse;
    expect(body.sources).toEqual({
      delivery: { status: 'ok' },
      techDebt: { status: 'ok' },
      cognitiveLoad: {
        status: 'not-installed',
        message: 'Cognitive load plugin not installed in this portal',
      },
    });
    expect(body.teams.map(t => t.teamRef)).toEqual([
      'group:default/order-flow',
      'group:default/checkout',
      'group:default/platform',
    ]);
    const [order, checkout, platform] = body.teams;
    // 3 of 5 failed: 60% (DORA 2024 low, above 20%).
    expect(order.signals.changeFailRate).toMatchObject({
      value: 0.6,
      text: '60%',
      level: 'problem',
    });
    expect(checkout.signals.changeFailRate).toMatchObject({
      value: 0,
      text: '0%',
      level: 'ok',
    });
    // 5 successful deployments in 90 days: 0.06 a day (medium: at least
    // monthly); Order Flow's 2 are fewer than the minimum sample of 5.
    expect(checkout.signals.deploymentFrequency).toMatchObject({
      text: '0.06 / day',
      level: 'watch',
    });
    expect(order.signals.deploymentFrequency).toEqual({
      value: null,
      text: 'not enough data',
    });
    expect(platform.signals.deploymentFrequency).toEqual({
      value: null,
      text: 'no source connected',
    });
    // Debt: 40.2 + 28.3 = 68.5; median team 17.7, twice that 35.4.
    expect(order.signals.debt).toMatchObject({
      value: 68.5,
      text: '68.5 (2 open)',
      level: 'problem',
    });
    expect(checkout.signals.debt).toMatchObject({ value: 17.7, level: 'ok' });
    // One blocking dependency, one interaction past review (not two).
    expect(order.signals.dependencies).toMatchObject({
      value: 2,
      text: '1 blocking · 1 past review',
      level: 'problem',
    });
    expect(order.signals.personas).toMatchObject({
      value: 0,
      text: 'none',
      level: 'watch',
    });
    expect(checkout.personas).toEqual([
      { ref: 'persona:default/shopper', title: 'Shopper' },
    ]);
    expect(order.problems).toEqual(['debt', 'changeFailRate', 'dependencies']);
    expect(order.signals.perceivedLoad).toBeUndefined();

    // The CSV has the same rows, in the same order, with the same numbers.
    const csv = await request(server)
      .get('/api/teamflow/attention.csv')
      .set('Authorization', cto);
    expect(csv.status).toBe(200);
    expect(csv.headers['content-type']).toMatch(/^text\/csv/);
    expect(csv.headers['content-disposition']).toMatch(
      /attachment; filename="teams-needing-attention-\d{4}-\d{2}-\d{2}\.csv"/,
    );
    const lines = csv.text.trim().split('\r\n');
    expect(lines).toHaveLength(4);
    expect(lines[1]).toMatch(
      /^group:default\/order-flow,Order Flow,stream-aligned,,/,
    );
    expect(lines[1]).toContain(',68.5,problem,');
    expect(lines[1]).toContain(',0.6,problem,');
    expect(lines[1]).toMatch(/,3,\d+$/);
  });

  it('shows a caller only what each plugin lets them see, and says why the rest is missing', async () => {
    const server = await start();
    const res = await request(server)
      .get('/api/teamflow/attention')
      .set('Authorization', mockCredentials.user.header(ENGINEER));
    expect(res.status).toBe(200);
    const body = res.body as AttentionResponse;
    expect(body.sources.delivery).toEqual({
      status: 'not-permitted',
      message: 'Your delivery permissions do not allow this',
    });
    expect(body.teams[0].signals.leadTime).toBeUndefined();
    expect(body.teams[0].signals.debt).toBeDefined();
  });

  it('works with none of the other plugins installed, and refuses anonymous callers', async () => {
    const server = await start('teamflow only');
    const res = await request(server)
      .get('/api/teamflow/attention')
      .set('Authorization', cto);
    expect(res.status).toBe(200);
    const body = res.body as AttentionResponse;
    expect(Object.values(body.sources).map(s => s.status)).toEqual([
      'not-installed',
      'not-installed',
      'not-installed',
    ]);
    expect(body.teams[0].teamRef).toBe('group:default/order-flow');
    expect(body.teams[0].problems).toEqual(['dependencies']);
    expect((await request(server).get('/api/teamflow/attention')).status).toBe(
      401,
    );
    expect(
      (await request(server).get('/api/teamflow/attention.csv')).status,
    ).toBe(401);
  });
});

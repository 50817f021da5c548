import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { Entity } from '@backstage/catalog-model';
import request from 'supertest';
import { deliveryPlugin } from './plugin';
import { cdevent } from './testing/cdevents';

const entities: Entity[] = [
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name: 'checkout-service', namespace: 'default' },
    spec: { type: 'service', lifecycle: 'production', owner: 'checkout' },
    relations: [{ type: 'ownedBy', targetRef: 'group:default/checkout' }],
  },
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'User',
    metadata: { name: 'maya', namespace: 'default' },
    spec: { memberOf: ['checkout'] },
  },
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Group',
    metadata: { name: 'checkout', namespace: 'default' },
    spec: { type: 'team', children: [] },
  },
];

const deployed = (id: string, timestamp: string, customData?: object) =>
  cdevent(
    'service.deployed.0.2.0',
    id,
    timestamp,
    {
      id: 'checkout-service',
      source: '/ci',
      type: 'service',
      content: {
        environment: { id: 'production', source: '/k8s/prod' },
        artifactId: 'pkg:oci/checkout-service@sha256%3A0b31b1c0',
      },
    },
    customData,
  );

const ADMIN = 'user:default/cto';
/** A CI pipeline's static token: backend.auth.externalAccess restricts it to ingesting. */
const CI = 'external:ci-pipelines';
async function start() {
  const { server } = await startTestBackend({
    features: [
      deliveryPlugin,
      catalogServiceMock.factory({ entities }),
      mockServices.permissions.mock({
        authorize: async (requests: any[], options: any) =>
          requests.map((r: any) => ({
            result:
              (options.credentials.principal.type === 'service' &&
                (options.credentials.principal.subject !== CI ||
                  r.permission.name === 'delivery.events.ingest')) ||
              options.credentials.principal.userEntityRef === ADMIN ||
              (options.credentials.principal.type === 'user' &&
                r.permission.name === 'delivery.metrics.read')
                ? AuthorizeResult.ALLOW
                : AuthorizeResult.DENY,
          })),
      }).factory,
    ],
  });
  return server;
}

const service = mockCredentials.service.header();
const user = mockCredentials.user.header('user:default/maya');

describe('delivery routes', () => {
  it('stores the good events of a batch and reports the bad ones by index', async () => {
    const server = await start();
    const batch = [
      deployed('e1', '2026-11-02T10:00:00Z'),
      deployed('e2', '2999-01-01T00:00:00Z'),
      {
        ...deployed('e3', '2026-11-02T11:00:00Z'),
        type: 'dev.cdevents.pipelinerun.finished.0.2.0',
      },
      { specversion: '1.0', id: 'e4' },
      cdevent('service.deployed.0.2.0', 'e5', '2026-11-02T12:00:00Z', {
        id: 'component:default/unknown',
        content: { environment: { id: 'production' } },
      }),
    ];
    const res = await request(server)
      .post('/api/delivery/events')
      .set('Authorization', service)
      .set('Content-Type', 'application/cloudevents-batch+json')
      .send(JSON.stringify(batch));
    expect(res.status).toBe(207);
    expect(res.body.accepted).toBe(1);
    expect(res.body.rejected.map((r: any) => r.index)).toEqual([1, 2, 3, 4]);
    expect(res.body.rejected[0].message).toContain('in the future');
    expect(res.body.rejected[1].message).toContain('not a supported CDEvent');
    expect(res.body.rejected[2].message).toContain('not a valid CloudEvent');
    expect(res.body.rejected[3].message).toContain('unknown entity');

    // The same event again is a duplicate; a later status of it an update.
    const again = await request(server)
      .post('/api/delivery/events')
      .set('Authorization', service)
      .send([deployed('e1', '2026-11-02T10:00:00Z')]);
    expect(again.body).toMatchObject({ accepted: 0, duplicates: 1 });
    const status = await request(server)
      .post('/api/delivery/events')
      .set('Authorization', service)
      .send([
        deployed('e6', '2026-11-02T10:00:00Z', {
          deploymentId: 'e1',
          status: 'failure',
        }),
      ]);
    expect(status.status).toBe(200);
    expect(status.body).toMatchObject({ accepted: 0, updated: 1 });

    const metrics = await request(server)
      .get('/api/delivery/metrics')
      .query({
        entityRef: 'component:default/checkout-service',
        from: '2026-11-01',
        to: '2026-11-08',
      })
      .set('Authorization', user);
    expect(metrics.status).toBe(200);
    // one deployment, now failed: not successful, so no deployment counted
    expect(metrics.body.summary.coverage.deployments).toBe(1);
    expect(metrics.body.summary.deploymentFrequency.deployments).toBe(0);
    expect(metrics.body.summary.changeFailRate).toEqual({
      status: 'not-enough-data',
      n: 1,
    });
  });

  it('accepts one event in structured and in binary mode', async () => {
    const server = await start();
    const structured = await request(server)
      .post('/api/delivery/events')
      .set('Authorization', service)
      .set('Content-Type', 'application/cloudevents+json')
      .send(JSON.stringify(deployed('s1', '2026-11-03T10:00:00Z')));
    expect(structured.status).toBe(200);
    const event = deployed('b1', '2026-11-03T11:00:00Z');
    const binary = await request(server)
      .post('/api/delivery/events')
      .set('Authorization', service)
      .set('Content-Type', 'application/json')
      .set('ce-specversion', '1.0')
      .set('ce-id', 'b1')
      .set('ce-source', '/ci')
      .set('ce-type', event.type)
      .set('ce-time', event.time)
      .send(event.data);
    expect(binary.status).toBe(200);
    expect(binary.body.accepted).toBe(1);
  });

  it('refuses what it cannot take with a 4xx that says why', async () => {
    const server = await start();
    const post = (body: unknown, auth = service) =>
      request(server)
        .post('/api/delivery/events')
        .set('Authorization', auth)
        .send(body as object);
    const bad = await post(deployed('x1', 'yesterday'));
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toContain('not a valid CloudEvent');
    const noEnv = await post(
      cdevent('service.deployed.0.2.0', 'x2', '2026-11-03T10:00:00Z', {
        id: 'checkout-service',
        content: {},
      }),
    );
    expect(noEnv.status).toBe(400);
    expect(noEnv.body.error.message).toContain(
      'data.subject.content.environment.id is required',
    );
    const big = await post(
      Array.from({ length: 1001 }, (_, i) =>
        deployed(`b${i}`, '2026-11-03T10:00:00Z'),
      ),
    );
    expect(big.status).toBe(413);
    expect((await post([])).status).toBe(400);
    expect(
      (await post(deployed('u1', '2026-11-03T10:00:00Z'), user)).status,
    ).toBe(403);
    const anonymous = await request(server)
      .post('/api/delivery/events')
      .set('Authorization', mockCredentials.none.header())
      .send(deployed('a1', '2026-11-03T10:00:00Z'));
    expect(anonymous.status).toBe(401);

    const get = (query: object) =>
      request(server)
        .get('/api/delivery/metrics')
        .query(query)
        .set('Authorization', user);
    expect(
      (
        await get({
          entityRef: 'component:default/checkout-service',
          from: '2026-13-01',
        })
      ).status,
    ).toBe(400);
    expect(
      (
        await get({
          entityRef: 'component:default/checkout-service',
          from: '2026-11-08',
          to: '2026-11-01',
        })
      ).status,
    ).toBe(400);
    expect((await get({ entityRef: 'component:default/nope' })).status).toBe(
      404,
    );
    expect((await get({})).status).toBe(400);
    const org = await request(server)
      .get('/api/delivery/metrics/org')
      .query({ teamTrends: 'maybe' })
      .set('Authorization', user);
    expect(org.status).toBe(400);
    expect(org.body.error.message).toContain('teamTrends');
    const admin = await request(server)
      .get('/api/delivery/admin/sources')
      .set('Authorization', user);
    expect(admin.status).toBe(403);
  });

  it('answers 400 naming the parameter for references that are not entity names', async () => {
    const server = await start();
    for (const [path, query, name] of [
      ['/api/delivery/metrics', { entityRef: 'component:../..' }, 'entityRef'],
      ['/api/delivery/metrics', { teamRef: 'group:../..' }, 'teamRef'],
      [
        '/api/delivery/drill-down',
        { entityRef: 'component:../..' },
        'entityRef',
      ],
      ['/api/delivery/drill-down', { teamRef: 'group:default/a b' }, 'teamRef'],
      [
        '/api/delivery/metrics',
        { entityRef: 'component:default/' },
        'entityRef',
      ],
    ] as const) {
      const res = await request(server)
        .get(path)
        .query(query)
        .set('Authorization', user);
      expect({ path, query, status: res.status }).toEqual({
        path,
        query,
        status: 400,
      });
      expect(res.body.error.message).toContain(name);
    }
  });

  it('refuses events about users and groups: delivery is about components', async () => {
    const server = await start();
    for (const id of ['user:default/maya', 'group:default/checkout']) {
      const res = await request(server)
        .post('/api/delivery/events')
        .set('Authorization', service)
        .send(
          cdevent(
            'service.deployed.0.2.0',
            `about-${id}`,
            '2026-11-03T10:00:00Z',
            {
              id,
              content: { environment: { id: 'production' } },
            },
          ),
        );
      expect({ id, status: res.status }).toEqual({ id, status: 400 });
      expect(res.body.error.message).toContain('not a component');
    }
  });

  it('lets the CI ingest token send events and nothing else', async () => {
    const server = await start();
    const ci = mockCredentials.service.header({
      onBehalfOf: mockCredentials.service(CI),
      targetPluginId: 'delivery',
    });
    const sent = await request(server)
      .post('/api/delivery/events')
      .set('Authorization', ci)
      .send(deployed('ci-1', '2026-11-03T10:00:00Z'));
    expect(sent.status).toBe(200);
    for (const [path, query] of [
      ['/api/delivery/metrics/org', {}],
      [
        '/api/delivery/metrics',
        { entityRef: 'component:default/checkout-service' },
      ],
      [
        '/api/delivery/drill-down',
        { entityRef: 'component:default/checkout-service' },
      ],
      ['/api/delivery/admin/sources', {}],
    ] as const) {
      const res = await request(server)
        .get(path)
        .query(query)
        .set('Authorization', ci);
      expect({ path, status: res.status }).toEqual({ path, status: 403 });
    }
    // Users still read the organisation.
    const org = await request(server)
      .get('/api/delivery/metrics/org')
      .set('Authorization', user);
    expect(org.status).toBe(200);
  });

  it('reports an identical re-post as a duplicate, also a failed deployment with an empty change list', async () => {
    const server = await start();
    const failed = deployed('f1', '2026-11-03T10:00:00Z', {
      status: 'failure',
      changeIds: [],
    });
    const post = () =>
      request(server)
        .post('/api/delivery/events')
        .set('Authorization', service)
        .send([failed]);
    expect((await post()).body).toMatchObject({ accepted: 1, updated: 0 });
    for (let i = 0; i < 3; i++)
      expect((await post()).body).toMatchObject({
        accepted: 0,
        duplicates: 1,
        updated: 0,
      });
  });

  it('lets admins declare an earlier owner, validated, and anyone read the timeline', async () => {
    const server = await start();
    const admin = mockCredentials.user.header(ADMIN);
    const declare = (body: object, auth = admin) =>
      request(server)
        .post('/api/delivery/ownership')
        .set('Authorization', auth)
        .send(body);
    const good = {
      entityRef: 'component:default/checkout-service',
      teamRef: 'group:default/checkout',
      from: '2026-03-01',
    };
    expect((await declare(good, user)).status).toBe(403);
    for (const [body, name] of [
      [{ ...good, from: '2026-02-30' }, 'from'],
      [{ ...good, from: '2999-01-01' }, 'from'],
      [{ ...good, teamRef: 'group:default/nobody' }, 'teamRef'],
      [{ ...good, teamRef: 'user:default/maya' }, 'teamRef'],
      [{ ...good, entityRef: 'group:default/checkout' }, 'entityRef'],
      [{ ...good, entityRef: 'component:../..' }, 'entityRef'],
      [{ teamRef: good.teamRef }, 'entityRef'],
    ] as const) {
      const res = await declare(body);
      expect({ body, status: res.status }).toEqual({ body, status: 400 });
      expect(res.body.error.message).toContain(name);
    }
    const ok = await declare(good);
    expect(ok.status).toBe(200);
    const read = await request(server)
      .get('/api/delivery/ownership')
      .query({ entityRef: 'component:default/checkout-service' })
      .set('Authorization', user);
    expect(read.status).toBe(200);
    expect(read.body.timeline).toEqual(
      expect.arrayContaining([
        {
          teamRef: 'group:default/checkout',
          from: '2026-03-01T00:00:00.000Z',
          source: 'declared',
        },
      ]),
    );
  });
});

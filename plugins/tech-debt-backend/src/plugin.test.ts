import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { Entity } from '@backstage/catalog-model';
import request from 'supertest';
import { techDebtPlugin } from './plugin';
import { resolutionByQuarter } from './service/DebtService';

// order-service is Order Flow's (ana is a member); checkout-service is Checkout's.
const component = (name: string, owner: string): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name, namespace: 'default' },
  spec: { type: 'service', lifecycle: 'production', owner },
  relations: [{ type: 'ownedBy', targetRef: `group:default/${owner}` }],
});
const entities = [
  component('order-service', 'order-flow'),
  component('checkout-service', 'checkout'),
];
const as = (user: string) =>
  mockCredentials.user.header(`user:default/${user}`);
const ADMIN = 'cto';

async function start() {
  const { server } = await startTestBackend({
    features: [
      techDebtPlugin,
      catalogServiceMock.factory({ entities }),
      mockServices.userInfo.mock({
        getUserInfo: async (credentials: any) => {
          const ref = credentials.principal.userEntityRef;
          return {
            userEntityRef: ref,
            ownershipEntityRefs: [
              ref,
              ...(ref.endsWith('/ana') ? ['group:default/order-flow'] : []),
            ],
          };
        },
      }).factory,
      mockServices.permissions.mock({
        authorize: async (requests: any[], options: any) =>
          requests.map(() => ({
            result:
              options.credentials.principal.userEntityRef ===
              `user:default/${ADMIN}`
                ? AuthorizeResult.ALLOW
                : AuthorizeResult.DENY,
          })),
        authorizeConditional: async (requests: any[]) =>
          requests.map(() => ({ result: AuthorizeResult.ALLOW })),
      }).factory,
    ],
  });
  return server;
}

const valid = {
  entityRef: 'component:default/order-service',
  title: 'Order state machine spread across three services',
  category: 'architecture',
  impact: 5,
  effort: 'L',
  interestHoursPerMonth: 16,
};

describe('tech-debt backend', () => {
  it('lets the owning team and admins record debt, and nobody else', async () => {
    const server = await start();
    const post = (user: string, body: object) =>
      request(server)
        .post('/api/tech-debt/items')
        .set('Authorization', as(user))
        .send(body);
    const created = await post('ana', valid);
    expect(created.status).toBe(201);
    // 50 + min(50, 40) = 90; / √15 = 23.2
    expect(created.body.item).toMatchObject({
      status: 'open',
      version: 1,
      author: 'user:default/ana',
      score: 23.2,
      quickWin: false,
    });
    const other = await post('bo', valid);
    expect([other.status, other.body.error.message]).toEqual([
      403,
      'Only members of group:default/order-flow (or people with tech-debt.item.manage) can record debt on component:default/order-service',
    ]);
    expect(
      (
        await post(ADMIN, {
          ...valid,
          entityRef: 'component:default/checkout-service',
        })
      ).status,
    ).toBe(201);

    const unknown = await post('ana', {
      ...valid,
      entityRef: 'component:default/nope',
    });
    expect([unknown.status, unknown.body.error.message]).toEqual([
      400,
      'entityRef: no entity component:default/nope in the catalog (or you may not read it)',
    ]);
    const invalid = await post('ana', { ...valid, impact: 9, effort: 'huge' });
    expect([invalid.status, invalid.body.error.message]).toEqual([
      400,
      'impact must be an integer from 1 (minor) to 5 (critical); effort must be one of XS, S, M, L, XL',
    ]);
    // A name every object inherits is no effort (it was a 500 from the database).
    const inherited = await post('ana', { ...valid, effort: '__proto__' });
    expect([inherited.status, inherited.body.error.message]).toEqual([
      400,
      'effort must be one of XS, S, M, L, XL',
    ]);

    // A reference that is not one is refused, naming the parameter; the
    // catalog is never asked for it (its client throws: a 500 until now).
    for (const [query, param] of [
      ['entityRef=component:../..', 'entityRef'],
      ['entityRef=%25', 'entityRef'],
      ['entityRef=persona:default/', 'entityRef'],
      ['teamRef=group:../..', 'teamRef'],
    ]) {
      const refused = await request(server)
        .get(`/api/tech-debt/items?${query}`)
        .set('Authorization', as('bo'));
      expect([refused.status, refused.body.error.message]).toEqual([
        400,
        expect.stringMatching(
          new RegExp(`^${param}: ".*" is not an entity reference`),
        ),
      ]);
    }
    const badRef = await post('ana', {
      ...valid,
      entityRef: 'component:../..',
    });
    expect([badRef.status, badRef.body.error.message]).toEqual([
      400,
      'entityRef: "component:../.." is not an entity reference (kind:namespace/name, e.g. component:default/checkout-service)',
    ]);

    // Anyone who can read the entity sees its register, without the right to change it.
    const list = await request(server)
      .get('/api/tech-debt/items?entityRef=component:default/order-service')
      .set('Authorization', as('bo'));
    expect(list.body.canManage).toBe(false);
    expect(list.body.items.map((i: any) => i.title)).toEqual([valid.title]);
  });

  it('answers a concurrent edit with 409 and the current item, and keeps the audit trail', async () => {
    const server = await start();
    const { body } = await request(server)
      .post('/api/tech-debt/items')
      .set('Authorization', as('ana'))
      .send(valid);
    const id = body.item.id;
    const patch = (user: string, change: object) =>
      request(server)
        .patch(`/api/tech-debt/items/${id}`)
        .set('Authorization', as(user))
        .send(change);

    const first = await patch('ana', { version: 1, status: 'in-progress' });
    expect(first.body.item).toMatchObject({
      version: 2,
      status: 'in-progress',
    });
    const stale = await patch(ADMIN, { version: 1, impact: 2 });
    expect(stale.status).toBe(409);
    expect(stale.body.item).toMatchObject({
      version: 2,
      impact: 5,
      status: 'in-progress',
    });

    const noVersion = await patch('ana', { status: 'resolved' });
    expect([noVersion.status, noVersion.body.error.message]).toEqual([
      400,
      'version is required: the version of the item your change starts from',
    ]);
    expect((await patch('bo', { version: 2, status: 'resolved' })).status).toBe(
      403,
    );

    const resolved = await patch('ana', { version: 2, status: 'resolved' });
    expect(resolved.body.item.resolvedAt).toBeDefined();
    const history = await request(server)
      .get(`/api/tech-debt/items/${id}/history`)
      .set('Authorization', as('bo'));
    expect(
      history.body.history.map((h: any) => [
        h.version,
        h.changedBy,
        Object.keys(h.changes),
      ]),
    ).toEqual([
      [
        1,
        'user:default/ana',
        expect.arrayContaining(['title', 'status', 'entityRef']),
      ],
      [2, 'user:default/ana', ['status']],
      [3, 'user:default/ana', ['status', 'resolvedAt']],
    ]);
  });

  it('keeps the note given with a resolution, undoes it as one more change, and a resolved item is no quick win', async () => {
    const server = await start();
    // impact 4, 8 h/month, effort S: score 42.4, a quick win while open.
    const { body } = await request(server)
      .post('/api/tech-debt/items')
      .set('Authorization', as('ana'))
      .send({ ...valid, impact: 4, effort: 'S', interestHoursPerMonth: 8 });
    expect(body.item.quickWin).toBe(true);
    const id = body.item.id;
    const patch = (change: object) =>
      request(server)
        .patch(`/api/tech-debt/items/${id}`)
        .set('Authorization', as('ana'))
        .send(change);

    const tooLong = await patch({
      version: 1,
      status: 'resolved',
      note: 'x'.repeat(501),
    });
    expect([tooLong.status, tooLong.body.error.message]).toEqual([
      400,
      'note must be 1 to 500 characters',
    ]);
    const resolved = await patch({
      version: 1,
      status: 'resolved',
      note: '  Retry wrapper removed; suite green for two weeks ',
    });
    expect(resolved.body.item).toMatchObject({
      status: 'resolved',
      quickWin: false,
    });
    const undone = await patch({
      version: 2,
      status: 'open',
      note: 'Undone: resolved by mistake',
    });
    expect(undone.body.item).toMatchObject({
      status: 'open',
      quickWin: true,
      version: 3,
    });
    expect(undone.body.item.resolvedAt).toBeUndefined();

    const history = await request(server)
      .get(`/api/tech-debt/items/${id}/history`)
      .set('Authorization', as('bo'));
    expect(
      history.body.history.map((h: any) => [
        h.version,
        h.note,
        h.changes.status,
      ]),
    ).toEqual([
      [1, undefined, [null, 'open']],
      [
        2,
        'Retry wrapper removed; suite green for two weeks',
        ['open', 'resolved'],
      ],
      [3, 'Undone: resolved by mistake', ['resolved', 'open']],
    ]);
    const created = await request(server)
      .post('/api/tech-debt/items')
      .set('Authorization', as('ana'))
      .send({ ...valid, note: 'hello' });
    expect([created.status, created.body.error.message]).toEqual([
      400,
      'note belongs to a change, not a new item',
    ]);
  });

  it('rolls up a team and the organisation', async () => {
    const server = await start();
    const add = (body: object) =>
      request(server)
        .post('/api/tech-debt/items')
        .set('Authorization', as(ADMIN))
        .send(body);
    await add(valid);
    // quick win: (30 + 15) / √0.5 = 63.6
    await add({
      ...valid,
      title: 'No runbook',
      category: 'documentation',
      impact: 3,
      effort: 'XS',
      interestHoursPerMonth: 6,
    });
    await add({
      ...valid,
      entityRef: 'component:default/checkout-service',
      title: 'Flaky tests',
      category: 'test',
      impact: 3,
      effort: 'S',
      interestHoursPerMonth: 8,
      status: 'resolved',
    });
    const team = await request(server)
      .get('/api/tech-debt/rollup/teams/default/order-flow')
      .set('Authorization', as('bo'));
    expect(team.body).toMatchObject({
      open: 2,
      score: 23.2 + 63.6,
      byStatus: { open: 2 },
    });
    expect(team.body.byCategory.documentation).toEqual({
      open: 1,
      score: 63.6,
      resolved: 0,
    });
    expect(team.body.quickWins.map((i: any) => i.title)).toEqual([
      'No runbook',
    ]);
    const items = await request(server)
      .get('/api/tech-debt/items?teamRef=group:default/order-flow')
      .set('Authorization', as('bo'));
    expect(items.body.items.map((i: any) => i.title)).toEqual([
      'No runbook',
      valid.title,
    ]);
    const missing = await request(server)
      .get('/api/tech-debt/items')
      .set('Authorization', as('bo'));
    expect([missing.status, missing.body.error.message]).toEqual([
      400,
      "Query parameter 'entityRef' (or 'teamRef') is required, e.g. component:default/checkout-service",
    ]);
    const org = await request(server)
      .get('/api/tech-debt/rollup/org')
      .set('Authorization', as('bo'));
    expect(org.body.byTeam.map((t: any) => [t.teamRef, t.open])).toEqual([
      ['group:default/order-flow', 2],
      ['group:default/checkout', 0],
    ]);
    expect(org.body.top.map((i: any) => i.title)).toEqual([
      'No runbook',
      valid.title,
    ]);
  });
});

describe('resolutionByQuarter', () => {
  it('divides resolved items by items open at some point in the quarter', () => {
    expect(
      resolutionByQuarter(
        [
          { month: '2026-01', items: 4 },
          { month: '2026-03', items: 2 },
          { month: '2026-05', items: 4 },
        ],
        [
          { month: '2026-02', items: 3 },
          { month: '2026-06', items: 1 },
        ],
      ),
    ).toEqual([
      // Q1: 0 open at start + 6 created; 3 resolved = 50 %
      { quarter: '2026-Q1', resolved: 3, open: 6, share: 50 },
      // Q2: 3 open at start + 4 created = 7; 1 resolved = 14.3 %
      { quarter: '2026-Q2', resolved: 1, open: 7, share: 14.3 },
    ]);
  });
});

import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { Entity } from '@backstage/catalog-model';
import { DEFAULT_INSTRUMENT } from '@teamflow/plugin-cognitive-load-common';
import request from 'supertest';
import { cognitiveLoadPlugin } from './plugin';

// The organisation: org > shop > team-a (5 people), team-b (5), team-c (2);
// org > infra (platform team, 2 people). The CTO holds the results permission.
const group = (
  name: string,
  options: { type?: string; parent?: string; members?: string[] } = {},
): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Group',
  metadata: {
    name,
    namespace: 'default',
    labels: options.type ? { 'teamflow.io/team-type': options.type } : {},
  },
  spec: { type: options.type ? 'team' : 'business-unit', children: [] },
  relations: [
    ...(options.parent
      ? [{ type: 'childOf', targetRef: `group:default/${options.parent}` }]
      : []),
    ...(options.members ?? []).map(m => ({
      type: 'hasMember',
      targetRef: `user:default/${m}`,
    })),
  ],
});
const people = (prefix: string, n: number) =>
  Array.from({ length: n }, (_, i) => `${prefix}${i + 1}`);
const entities = [
  group('org'),
  group('shop', { parent: 'org' }),
  group('team-a', {
    type: 'stream-aligned',
    parent: 'shop',
    members: people('a', 5),
  }),
  group('team-b', {
    type: 'stream-aligned',
    parent: 'shop',
    members: people('b', 5),
  }),
  group('team-c', {
    type: 'stream-aligned',
    parent: 'shop',
    members: people('c', 2),
  }),
  group('infra', { type: 'platform', parent: 'org', members: ['p1', 'p2'] }),
];
const teamOf = (user: string) =>
  (({ a: 'team-a', b: 'team-b', c: 'team-c', p: 'infra' } as any)[user[0]]);

const as = (user: string) =>
  mockCredentials.user.header(`user:default/${user}`);
const CTO = 'cto';

async function start() {
  const { server } = await startTestBackend({
    features: [
      cognitiveLoadPlugin,
      catalogServiceMock.factory({ entities }),
      mockServices.rootConfig.factory({
        data: {
          cognitiveLoad: {
            respondentKeySecret: 'a-test-secret-of-enough-length',
            showOpenWaveResults: true,
          },
        },
      }),
      mockServices.userInfo.mock({
        getUserInfo: async (credentials: any) => {
          const ref: string = credentials.principal.userEntityRef;
          const name = ref.split('/')[1];
          const team = teamOf(name);
          return {
            userEntityRef: ref,
            ownershipEntityRefs: [
              ref,
              ...(team && name !== CTO ? [`group:default/${team}`] : []),
            ],
          };
        },
      }).factory,
      mockServices.permissions.mock({
        authorize: async (requests: any[], options: any) =>
          requests.map(() => ({
            result:
              options.credentials.principal.userEntityRef ===
              `user:default/${CTO}`
                ? AuthorizeResult.ALLOW
                : AuthorizeResult.DENY,
          })),
      }).factory,
    ],
  });
  return server;
}

const day = 86_400_000;
const iso = (offsetDays: number) =>
  new Date(Date.now() + offsetDays * day).toISOString();
// Every statement answered 3: every item scores 50, so every subscale and
// load is 50 with no spread.
const threes = Object.fromEntries(DEFAULT_INSTRUMENT.items.map(i => [i.id, 3]));

async function openWave(server: any, teams = ['team-a', 'team-b', 'team-c']) {
  const res = await request(server)
    .post('/api/cognitive-load/waves')
    .set('Authorization', as('p1'))
    .send({
      title: 'Autumn pulse',
      teams: teams.map(t => `group:default/${t}`),
      opensAt: iso(-1),
      closesAt: iso(14),
    });
  expect(res.status).toBe(201);
  return res.body.wave.id as string;
}

const answer = (server: any, waveId: string, user: string, body: object) =>
  request(server)
    .put(`/api/cognitive-load/waves/${waveId}/response`)
    .set('Authorization', as(user))
    .send({ team: `group:default/${teamOf(user)}`, ...body });

describe('cognitive-load backend', () => {
  it('lets platform and enabling team members open waves, and validates them', async () => {
    const server = await start();
    await openWave(server);
    const post = (user: string, body: object) =>
      request(server)
        .post('/api/cognitive-load/waves')
        .set('Authorization', as(user))
        .send(body);
    const valid = {
      title: 'x',
      teams: ['group:default/team-a'],
      opensAt: '2026-01-01',
      closesAt: iso(3),
    };
    const denied = await post('a1', valid);
    expect(denied.status).toBe(403);
    // The CTO has the wave permission.
    expect((await post(CTO, valid)).status).toBe(201);
    for (const [body, message] of [
      [
        { ...valid, teams: ['group:default/shop', 'group:default/nope'] },
        'teams: not team Groups in the catalog: group:default/nope, group:default/shop',
      ],
      [{ ...valid, opensAt: iso(5) }, 'closesAt must be after opensAt'],
      [
        { ...valid, opensAt: '2026-01-01', closesAt: '2026-02-01' },
        'closesAt must be in the future',
      ],
      [
        { ...valid, title: undefined, teams: ['checkout'] },
        'title: Required; teams.0: must be a group entity ref such as group:default/checkout',
      ],
      [
        { ...valid, opensAt: 'soon' },
        'opensAt: must be an ISO date (2026-11-30) or date-time',
      ],
      [
        { ...valid, closesAt: '2026-02-30' },
        'closesAt: is not a calendar date',
      ],
      [
        { ...valid, colour: 'red' },
        "body: Unrecognized key(s) in object: 'colour'",
      ],
    ] as const) {
      const res = await post('p1', body);
      expect([res.status, res.body.error.message]).toEqual([400, message]);
    }
  });

  it('takes answers from members only, once per person, changeable while open', async () => {
    const server = await start();
    const waveId = await openWave(server);

    const mine = await request(server)
      .get('/api/cognitive-load/my/surveys')
      .set('Authorization', as('a1'));
    expect(
      mine.body.surveys.map((s: any) => [
        s.team.ref,
        s.answered,
        s.wave.status,
      ]),
    ).toEqual([['group:default/team-a', false, 'open']]);

    expect(
      (await answer(server, waveId, 'a1', { answers: threes })).body,
    ).toEqual({
      saved: 'created',
    });
    expect(
      (await answer(server, waveId, 'a1', { answers: { ...threes, i1: 5 } }))
        .body,
    ).toEqual({ saved: 'updated' });
    const again = await request(server)
      .get('/api/cognitive-load/my/surveys')
      .set('Authorization', as('a1'));
    expect(again.body.surveys[0]).toMatchObject({
      answered: true,
      answers: { i1: 5 },
    });

    // Not a member of team-b; a team the wave does not survey; bad answers; too big.
    const forB = await request(server)
      .put(`/api/cognitive-load/waves/${waveId}/response`)
      .set('Authorization', as('a1'))
      .send({ team: 'group:default/team-b', answers: threes });
    expect([forB.status, forB.body.error.message]).toEqual([
      403,
      'You are not a member of group:default/team-b',
    ]);
    const forInfra = await request(server)
      .put(`/api/cognitive-load/waves/${waveId}/response`)
      .set('Authorization', as('p1'))
      .send({ team: 'group:default/infra', answers: threes });
    expect(forInfra.status).toBe(404);
    const noTeam = await request(server)
      .put(`/api/cognitive-load/waves/${waveId}/response`)
      .set('Authorization', as('a1'))
      .send({ answers: threes });
    expect([noTeam.status, noTeam.body.error.message]).toEqual([
      400,
      'team: Required',
    ]);
    const bad = await answer(server, waveId, 'a2', {
      answers: { ...threes, i1: 7, e2: 'often' },
    });
    expect([bad.status, bad.body.error.message]).toEqual([
      400,
      'answers.i1 must be an integer from 1 to 5 or null, got 7; answers.e2 must be an integer from 1 to 5 or null, got "often"',
    ]);
    const huge = await answer(server, waveId, 'a2', {
      answers: { ...threes, junk: 'x'.repeat(70_000) },
    });
    expect(huge.status).toBe(413);

    // Still exactly one response, a1's.
    const progress = await request(server)
      .get(`/api/cognitive-load/waves/${waveId}/progress`)
      .set('Authorization', as('p1'));
    expect(progress.body.teams).toEqual([
      { teamRef: 'group:default/team-a', responses: 1, reachedK: false },
      { teamRef: 'group:default/team-b', responses: 0, reachedK: false },
      { teamRef: 'group:default/team-c', responses: 0, reachedK: false },
    ]);
    // Progress is the owner's (and admins'), not the respondents'.
    expect(
      (
        await request(server)
          .get(`/api/cognitive-load/waves/${waveId}/progress`)
          .set('Authorization', as('a1'))
      ).status,
    ).toBe(403);

    // Closed early: no more answers, nothing changes.
    const closed = await request(server)
      .post(`/api/cognitive-load/waves/${waveId}/close`)
      .set('Authorization', as('p1'));
    expect(closed.body.wave.status).toBe('closed');
    const late = await answer(server, waveId, 'a1', { answers: threes });
    expect([late.status, late.body.error.message]).toEqual([
      409,
      `Wave ${waveId} is closed; answers can no longer be given or changed`,
    ]);
    const after = await request(server)
      .get(`/api/cognitive-load/waves/${waveId}/progress`)
      .set('Authorization', as('p1'));
    expect(after.body.teams[0].responses).toBe(1);
  });

  it('shows results only from k = 5 and never a group derivable below k', async () => {
    const server = await start();
    const waveId = await openWave(server);
    for (const u of [...people('a', 4), ...people('b', 5), ...people('c', 2)]) {
      expect(
        (await answer(server, waveId, u, { answers: threes })).status,
      ).toBe(200);
    }
    const teamA = () =>
      request(server)
        .get('/api/cognitive-load/results/teams/default/team-a')
        .set('Authorization', as('a2'));
    // 4 of 5: not enough, and no scores at all.
    expect((await teamA()).body.waves).toEqual([
      expect.objectContaining({ status: 'not-enough-responses' }),
    ]);
    expect((await teamA()).body.waves[0].scores).toBeUndefined();

    await answer(server, waveId, 'a5', { answers: threes });
    const released = (await teamA()).body.waves[0];
    expect(released.status).toBe('released');
    expect(released.scores.n).toBe(5);
    // the median and n; no quartiles, and no spread from fewer than 2k = 10
    expect(released.scores.load).toEqual({ median: 50, n: 5 });
    expect(released.scores.subscales.germane).toEqual({ median: 50, n: 5 });

    // Another team's results are not for a member of team-a.
    expect(
      (
        await request(server)
          .get('/api/cognitive-load/results/teams/default/team-b')
          .set('Authorization', as('a1'))
      ).status,
    ).toBe(403);

    // The heatmap needs the results permission, or a wave of one's own.
    expect(
      (
        await request(server)
          .get('/api/cognitive-load/results/heatmap')
          .set('Authorization', as('p2'))
      ).status,
    ).toBe(403);
    const heatmapRows = async () =>
      (
        await request(server)
          .get('/api/cognitive-load/results/heatmap')
          .set('Authorization', as(CTO))
      ).body.rows.map((r: any) => [
        r.ref.replace('group:default/', ''),
        r.depth,
        r.status,
        r.scores?.n,
      ]);
    // Open: the teams that reached k; roll-ups wait for the close.
    expect(await heatmapRows()).toEqual([
      ['org', 0, 'at-close', undefined],
      ['shop', 1, 'at-close', undefined],
      ['team-a', 2, 'released', 5],
      ['team-b', 2, 'released', 5],
      ['team-c', 2, 'not-enough-responses', undefined],
    ]);
    await request(server)
      .post(`/api/cognitive-load/waves/${waveId}/close`)
      .set('Authorization', as('p1'));
    const heatmap = await request(server)
      .get('/api/cognitive-load/results/heatmap')
      .set('Authorization', as(CTO));
    expect(await heatmapRows()).toEqual([
      // org = shop = 12 respondents, but org − nothing else shown... its nearest shown
      // groups are team-a and team-b (10): 2 left over, team-c's. Suppressed, like shop.
      ['org', 0, 'suppressed', undefined],
      ['shop', 1, 'suppressed', undefined],
      ['team-a', 2, 'released', 5],
      ['team-b', 2, 'released', 5],
      ['team-c', 2, 'not-enough-responses', undefined],
    ]);
    // No API answer names a respondent.
    for (const body of [heatmap.body, released]) {
      expect(JSON.stringify(body)).not.toMatch(/user:default\/[abc]\d/);
    }
  });

  it("shows a wave's owner the results of the waves they opened, and only those", async () => {
    const server = await start();
    const open = async (user: string, teams: string[], opensAt: string) => {
      const res = await request(server)
        .post('/api/cognitive-load/waves')
        .set('Authorization', as(user))
        .send({
          title: `${user}'s pulse`,
          teams: teams.map(t => `group:default/${t}`),
          opensAt,
          closesAt: iso(14),
        });
      expect(res.status).toBe(201);
      return res.body.wave.id as string;
    };
    const close = (waveId: string) =>
      request(server)
        .post(`/api/cognitive-load/waves/${waveId}/close`)
        .set('Authorization', as(CTO));
    const relaxed = Object.fromEntries(
      DEFAULT_INSTRUMENT.items.map(i => [
        i.id,
        i.polarity === 'negative' ? 1 : 5,
      ]),
    );
    // The CTO's wave first (team-a and team-b at load 50), then p1's (team-a at 0).
    const ctoWave = await open(CTO, ['team-a', 'team-b'], iso(-3));
    for (const u of [...people('a', 5), ...people('b', 5)])
      await answer(server, ctoWave, u, { answers: threes });
    await close(ctoWave);
    const p1Wave = await open('p1', ['team-a'], iso(-1));
    for (const u of people('a', 5))
      await answer(server, p1Wave, u, { answers: relaxed });
    await close(p1Wave);

    const get = (user: string, path: string) =>
      request(server)
        .get(`/api/cognitive-load/${path}`)
        .set('Authorization', as(user));
    // The waves page offers the heatmap to the owner, not to a teammate who opened none.
    expect((await get('p1', 'waves')).body.canReadResults).toBe(true);
    expect((await get('p2', 'waves')).body.canReadResults).toBe(false);
    expect((await get('a1', 'waves')).body.canReadResults).toBe(false);

    // p1's heatmap: only p1's wave, and no change from a wave p1 may not read.
    const mine = (await get('p1', 'results/heatmap')).body;
    expect(mine.waves.map((w: any) => w.id)).toEqual([p1Wave]);
    expect(mine.wave.id).toBe(p1Wave);
    expect(mine.previousWave).toBeUndefined();
    const teamA = mine.rows.find((r: any) => r.ref === 'group:default/team-a');
    expect([teamA.status, teamA.scores.load, teamA.change]).toEqual([
      'released',
      { median: 0, n: 5 },
      undefined,
    ]);
    // The CTO sees the change from the wave before (50 → 0).
    const ctos = (await get(CTO, `results/heatmap?wave=${p1Wave}`)).body;
    expect(ctos.previousWave.id).toBe(ctoWave);
    expect(
      ctos.rows.find((r: any) => r.ref === 'group:default/team-a').change.load,
    ).toBe(-50);

    // The CTO's wave and team-b (which p1 never surveyed) are not p1's to read.
    const other = await get('p1', `results/heatmap?wave=${ctoWave}`);
    expect([other.status, other.body.error.message]).toEqual([
      403,
      `Results of wave ${ctoWave} are for its owner and people with the cognitive-load.results.read permission`,
    ]);
    expect((await get('p1', 'results/teams/default/team-b')).status).toBe(403);
    expect((await get('p2', 'results/heatmap')).status).toBe(403);
    // On team-a's page p1 sees the one wave p1 ran; its members see both.
    const forP1 = (await get('p1', 'results/teams/default/team-a')).body;
    expect(forP1.waves.map((w: any) => [w.wave.id, w.change])).toEqual([
      [p1Wave, undefined],
    ]);
    const forA1 = (await get('a1', 'results/teams/default/team-a')).body;
    expect(forA1.waves.map((w: any) => [w.wave.id, w.change?.load])).toEqual([
      [ctoWave, undefined],
      [p1Wave, -50],
    ]);
  });

  it('compares waves only when both meet k', async () => {
    const server = await start();
    const first = await openWave(server, ['team-a']);
    for (const u of people('a', 5))
      await answer(server, first, u, { answers: threes });
    await request(server)
      .post(`/api/cognitive-load/waves/${first}/close`)
      .set('Authorization', as('p1'));
    const second = await openWave(server, ['team-a']);
    // Disagreeing with every negative statement, agreeing with every positive one: no load
    // and full headroom.
    const relaxed = Object.fromEntries(
      DEFAULT_INSTRUMENT.items.map(i => [
        i.id,
        i.polarity === 'negative' ? 1 : 5,
      ]),
    );
    for (const u of people('a', 4))
      await answer(server, second, u, { answers: relaxed });
    const results = () =>
      request(server)
        .get('/api/cognitive-load/results/teams/default/team-a')
        .set('Authorization', as(CTO));
    expect(
      (await results()).body.waves.map((w: any) => [w.status, w.change]),
    ).toEqual([
      ['released', undefined],
      ['not-enough-responses', undefined],
    ]);
    await answer(server, second, 'a5', { answers: relaxed });
    const last = (await results()).body.waves[1];
    // load 50 -> 0; germane headroom 50 -> 100
    expect(last.change).toMatchObject({
      fromWaveId: first,
      fromWaveTitle: 'Autumn pulse',
      load: -50,
      subscales: { intrinsic: -50, extraneous: -50, flow: -50, germane: 50 },
    });
  });

  it('refuses to start with a k below 3 or a short secret, and starts without one', async () => {
    const startWith = (cognitiveLoad: object) =>
      startTestBackend({
        features: [
          cognitiveLoadPlugin,
          catalogServiceMock.factory({ entities }),
          mockServices.rootConfig.factory({ data: { cognitiveLoad } }),
        ],
      });
    await expect(
      startWith({
        minimumResponses: 2,
        respondentKeySecret: 'a-test-secret-of-enough-length',
      }),
    ).rejects.toThrow(
      'Invalid cognitiveLoad.minimumResponses: must be an integer of at least 3, got 2',
    );
    await expect(startWith({ respondentKeySecret: 'short' })).rejects.toThrow(
      'Invalid cognitiveLoad.respondentKeySecret: must be at least 16 characters',
    );
    // Nothing configured: the plugin starts (a generated secret is kept).
    const { server } = await startWith({});
    const res = await request(server)
      .get('/api/cognitive-load/waves')
      .set('Authorization', as('a1'));
    expect(res.status).toBe(200);
  });
});

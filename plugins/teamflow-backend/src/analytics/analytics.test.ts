import {
  TestDatabases,
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { createServiceFactory } from '@backstage/backend-plugin-api';
import { Entity } from '@backstage/catalog-model';
import { Knex } from 'knex';
import request from 'supertest';
import { weekOf } from '@teamflow/plugin-teamflow-common';
import { teamflowPlugin } from '../plugin';
import { COUNTERS } from './database/rows';

jest.setTimeout(120_000);

const WRITE_KEY = 'basketly-web-write-key-0001';
const SECRET = 'hash-secret-for-user-ids-0001';

const entities: Entity[] = [
  {
    apiVersion: 'teamflow.io/v1alpha1',
    kind: 'Persona',
    metadata: { name: 'family', namespace: 'default' },
    spec: { analytics: { rules: [{ segment: 'family' }] } },
  },
  {
    apiVersion: 'teamflow.io/v1alpha1',
    kind: 'Persona',
    metadata: { name: 'express', namespace: 'default' },
    spec: { analytics: { rules: [{ segment: 'express' }] } },
  },
  {
    apiVersion: 'teamflow.io/v1alpha1',
    kind: 'Feature',
    metadata: { name: 'reorder', namespace: 'default' },
    spec: {
      owner: 'group:default/discovery',
      lifecycle: 'launched',
      targets: [{ persona: 'persona:default/family', why: 'the weekly shop' }],
      analytics: {
        events: ['Reorder Clicked'],
        success: ['Reorder Basket Submitted'],
        failure: ['Reorder Failed'],
        happiness: { event: 'Reorder Rated', property: 'score' },
      },
    },
  },
  {
    apiVersion: 'teamflow.io/v1alpha1',
    kind: 'Feature',
    metadata: { name: 'slots', namespace: 'default' },
    spec: {
      owner: 'group:default/checkout',
      lifecycle: 'launched',
      targets: [{ persona: 'persona:default/express', why: 'in a hurry' }],
      analytics: { events: ['Express Slot *'] },
    },
  },
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Domain',
    metadata: { name: 'shopping', namespace: 'default' },
    spec: {
      owner: 'group:default/shopping',
      northStar: {
        name: 'Weekly shops',
        source: { series: 'shops' },
        movedBy: ['feature:default/reorder', 'feature:default/slots'],
        inputs: [
          {
            name: 'Families reordering',
            source: {
              feature: 'feature:default/reorder',
              figure: 'activeUsers',
              persona: 'persona:default/family',
            },
            movedBy: ['feature:default/reorder'],
          },
          {
            name: 'Reorders completed',
            source: {
              feature: 'feature:default/reorder',
              figure: 'taskSuccess',
            },
          },
          { name: 'Shops a week', source: { series: 'shops', week: 'sum' } },
        ],
      },
    },
  },
];

const DAY = 86_400_000;
const current = weekOf(new Date().toISOString().slice(0, 10));
const monday = (weeksAgo: number) =>
  Date.parse(`${current}T00:00:00Z`) - weeksAgo * 7 * DAY;
const weekA = monday(2);
const weekB = monday(1);
// A week is rolled up once it ended an hour ago (see database/weekly.ts).
// In the first two hours of a Monday (UTC) the backends under test run two
// hours ahead, still in this week, so that last week has ended for them as
// these tests expect.
if (Date.now() - monday(0) < 2 * 3_600_000) {
  const realNow = Date.now;
  Date.now = () => realNow() + 2 * 3_600_000;
}
const at = (t: number, hours: number) =>
  new Date(t + hours * 3_600_000).toISOString();

let counter = 0;
const id = () => `msg-${++counter}`;
const identify = (userId: string, traits: object, t: number) => ({
  type: 'identify',
  userId,
  traits,
  timestamp: at(t, 0),
  messageId: id(),
});
const track = (
  user: { userId?: string; anonymousId?: string },
  event: string,
  t: number,
  properties?: object,
) => ({
  type: 'track',
  ...user,
  event,
  properties,
  timestamp: at(t, 0),
  messageId: id(),
});

// Hand-made history: Ann and Bo are family shoppers, Cy an express shopper,
// an anonymous visitor matches no persona.
const ann = { userId: 'user-ann-1' };
const bo = { userId: 'user-bo-2' };
const cy = { userId: 'user-cy-3' };
const anon = { anonymousId: 'anon-visitor-4' };
const identifies = [
  identify(
    'user-ann-1',
    { segment: 'family', email: 'ann@example.com', name: 'Ann' },
    weekA - DAY * 30,
  ),
  identify('user-bo-2', { segment: 'Family' }, weekA - DAY * 30),
  identify('user-cy-3', { segment: 'express' }, weekA - DAY * 30),
];
const inWeekA = [
  track(ann, 'Reorder Clicked', weekA + 3_600_000),
  track(ann, 'Reorder Basket Submitted', weekA + 7_200_000),
  track(bo, 'Reorder Clicked', weekA + DAY * 2),
  track(cy, 'Express Slot Selected', weekA + DAY * 3),
  track(anon, 'Express Slot Selected', weekA + DAY * 3),
  track(ann, 'Express Slot Selected', weekA + DAY * 6),
];
const inWeekB = [
  track(ann, 'Reorder Clicked', weekB + DAY),
  track(ann, 'Reorder Failed', weekB + DAY),
  track(cy, 'Express Slot Selected', weekB + DAY * 2),
  track(cy, 'Express Slot Changed', weekB + DAY * 4),
  track(bo, 'Reorder Rated', weekB + DAY * 5, { score: 4 }),
  track(ann, 'Reorder Rated', weekB + DAY * 5, { score: '2' }),
];
const inCurrentWeek = [track(bo, 'Reorder Clicked', monday(0))];
const history = [...identifies, ...inWeekA, ...inWeekB, ...inCurrentWeek];

const basic = (key: string) =>
  `Basic ${Buffer.from(`${key}:`).toString('base64')}`;

/**
 * The backend under test. `catalog` lets a test change what the catalog holds
 * while it runs; `tasks` receives the scheduled tasks, to run them by hand.
 */
async function start(
  knex: Knex,
  options: {
    catalog?: { entities: Entity[] };
    tasks?: Map<string, () => Promise<void>>;
    /** `teamflow.analytics.preparedStatements` (default: unset, true). */
    preparedStatements?: boolean;
  } = {},
) {
  const held = options.catalog;
  const { server } = await startTestBackend({
    features: [
      teamflowPlugin,
      held
        ? createServiceFactory({
            service: catalogServiceRef,
            deps: {},
            factory: () =>
              new Proxy({} as any, {
                get: (_, name) => {
                  const now = catalogServiceMock({ entities: held.entities });
                  const member = (now as any)[name];
                  return typeof member === 'function'
                    ? member.bind(now)
                    : member;
                },
              }),
          })
        : catalogServiceMock.factory({ entities }),
      mockServices.database.factory({ knex }),
      mockServices.scheduler.mock({
        scheduleTask: async task => {
          options.tasks?.set(task.id, async () => {
            await task.fn(new AbortController().signal);
          });
        },
      }).factory,
      mockServices.rootConfig.factory({
        data: {
          teamflow: {
            analytics: {
              sources: [{ id: 'basketly-web', writeKey: WRITE_KEY }],
              userIdKey: SECRET,
              ...(options.preparedStatements === undefined
                ? {}
                : { preparedStatements: options.preparedStatements }),
            },
          },
        },
      }),
      mockServices.httpAuth.factory({
        defaultCredentials: mockCredentials.none(),
      }),
    ],
  });
  return server;
}

const user = mockCredentials.user.header();

async function usage(server: any, query: string) {
  const res = await request(server)
    .get(`/api/teamflow/analytics/usage?${query}`)
    .set('Authorization', user);
  expect(res.status).toBe(200);
  return res.body;
}

/** The figures a product manager reads, per feature and persona. */
async function figures(server: any) {
  const [reorder, slots] = await Promise.all([
    usage(server, 'feature=feature:default/reorder&weeks=2'),
    usage(server, 'feature=slots&weeks=2'),
  ]);
  return [...reorder.usage, ...slots.usage].map((u: any) => ({
    key: `${u.feature.split('/')[1]} × ${u.persona.replace(
      'persona:default/',
      '',
    )}`,
    activeUsers: u.activeUsers,
    events: u.events,
    newUsers: u.newUsers,
    retention: u.retention,
    taskSuccess: u.taskSuccess,
    happiness: u.happiness,
    lastTwoWeeks: u.weekly.slice(-2).map((w: any) => w.activeUsers),
    targeted: u.targeted,
  }));
}

// Counted by hand from the history above.
const EXPECTED = [
  // Ann and Bo both weeks; 3 events in A, 4 in B (the two ratings count as
  // use); both first used it in A; both came back in B (2 of the 2 of A);
  // 1 success, 1 failure; scores 4 and 2.
  {
    key: 'reorder × family',
    activeUsers: 2,
    events: 7,
    newUsers: 2,
    retention: 1,
    taskSuccess: 0.5,
    happiness: 3,
    lastTwoWeeks: [2, 2],
    targeted: true,
  },
  // Cy both weeks, 1 + 2 events (the pattern matches "Changed" too).
  {
    key: 'slots × express',
    activeUsers: 1,
    events: 3,
    newUsers: 1,
    retention: 1,
    taskSuccess: null,
    happiness: null,
    lastTwoWeeks: [1, 1],
    targeted: true,
  },
  // Ann once in A, not back in B.
  {
    key: 'slots × family',
    activeUsers: 0.5,
    events: 1,
    newUsers: 1,
    retention: 0,
    taskSuccess: null,
    happiness: null,
    lastTwoWeeks: [1, 0],
    targeted: false,
  },
  // The anonymous visitor: counted, not dropped.
  {
    key: 'slots × unassigned',
    activeUsers: 0.5,
    events: 1,
    newUsers: 1,
    retention: 0,
    taskSuccess: null,
    happiness: null,
    lastTwoWeeks: [1, 0],
    targeted: false,
  },
];

/** EXPECTED once the anonymous visitor came back in week B (`slotsEvents`: slots × express's events). */
function visitorBack(slotsEvents = 3) {
  // Most users a week first: the visitor's row now comes before Ann's.
  const [reorder, slots, annSlots, visitor] = EXPECTED;
  return [
    reorder,
    { ...slots, events: slotsEvents },
    {
      ...visitor,
      activeUsers: 1,
      events: 2,
      retention: 1,
      lastTwoWeeks: [1, 1],
    },
    annSlots,
  ];
}

/** The family persona's features and their users a week, over weeks A and B. */
async function familyUsers(server: any) {
  const family = await usage(server, 'persona=persona:default/family&weeks=2');
  return {
    family,
    users: family.usage.map((u: any) => [u.feature, u.activeUsers]),
  };
}

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

describe.each(databases.eachSupportedId())('product analytics on %s', dbId => {
  const send = (server: any, path: string, body: object, key = WRITE_KEY) =>
    request(server)
      .post(`/api/teamflow/analytics/v1/${path}`)
      .set('Authorization', basic(key))
      .send(body);

  it('counts a batch into HEART figures per feature and persona, the same in any arrival order', async () => {
    const first = await start(await databases.init(dbId));
    const server = first;
    const res = await send(server, 'batch', { batch: history });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      success: true,
      accepted: history.length,
      duplicates: 0,
      rejected: [],
    });
    expect(await figures(server)).toEqual(EXPECTED);
    const { family, users } = await familyUsers(server);
    expect(users).toEqual([
      ['feature:default/reorder', 2],
      ['feature:default/slots', 0.5],
    ]);
    expect(family.thisWeek).toEqual([
      {
        feature: 'feature:default/reorder',
        persona: 'persona:default/family',
        activeUsers: 1,
        events: 1,
      },
    ]);
    expect(family.connected).toBe(true);
    // A team's features: Discovery owns reorder, Checkout slots.
    const discovery = await usage(
      server,
      'team=group:default/discovery&weeks=2',
    );
    expect(
      discovery.usage.map((u: any) => [u.feature, u.persona, u.activeUsers]),
    ).toEqual([['feature:default/reorder', 'persona:default/family', 2]]);
    expect((await usage(server, 'team=group:default/nobody')).usage).toEqual(
      [],
    );

    // Engagement, last week (B) against the week before (A): families used
    // 3 feature-weeks in A (Ann and Bo reorder, Ann slots), 2 in B.
    const engagement = await request(server)
      .get('/api/teamflow/analytics/personas?weeks=1')
      .set('Authorization', user);
    expect(engagement.status).toBe(200);
    expect(engagement.body.personas).toEqual([
      {
        persona: 'unassigned',
        featureUsers: 0,
        previousFeatureUsers: 1,
        events: 0,
        previousEvents: 1,
        change: -100,
        topFeatures: [],
      },
      {
        persona: 'persona:default/family',
        featureUsers: 2,
        previousFeatureUsers: 3,
        events: 4,
        previousEvents: 4,
        change: -33,
        topFeatures: ['feature:default/reorder'],
      },
      {
        persona: 'persona:default/express',
        featureUsers: 1,
        previousFeatureUsers: 1,
        events: 2,
        previousEvents: 1,
        change: 0,
        topFeatures: ['feature:default/slots'],
      },
    ]);

    // Later weeks first, then the earlier week, one call at a time with the
    // calls of a week shuffled: the late week makes B's users returning and
    // moves first use back to A. This backend's statements are not prepared
    // (on PostgreSQL; the first backend's are): both ways count the same.
    const later = await start(await databases.init(dbId), {
      preparedStatements: false,
    });
    await send(later, 'batch', { batch: identifies });
    for (const call of [...inCurrentWeek, ...inWeekB].reverse())
      expect((await send(later, call.type, call)).status).toBe(200);
    for (const call of [
      inWeekA[3],
      inWeekA[5],
      inWeekA[0],
      inWeekA[4],
      inWeekA[2],
      inWeekA[1],
    ])
      expect((await send(later, call.type, call)).status).toBe(200);
    expect(await figures(later)).toEqual(EXPECTED);
    // Ann and Bo first used reorder in A, although B arrived first: B alone
    // has no new user.
    for (const backend of [first, later]) {
      const lastWeek = await usage(backend, 'feature=reorder&weeks=1');
      expect(
        lastWeek.usage.find((u: any) => u.persona === 'persona:default/family'),
      ).toMatchObject({ activeUsers: 2, newUsers: 0 });
    }
  });

  it('reads weeks that ended from their roll-up, and a late call into one at once', async () => {
    const knex = await databases.init(dbId);
    const tasks = new Map<string, () => Promise<void>>();
    const server = await start(knex, { tasks });
    expect((await send(server, 'batch', { batch: history })).status).toBe(200);
    await tasks.get('teamflow-analytics-weeks')!();
    const rolled = (await knex('analytics_weekly_done').select('week')).map(
      r => r.week,
    );
    const [a, b] = [weekA, weekB].map(t =>
      new Date(t).toISOString().slice(0, 10),
    );
    // Weeks A and B ended: rolled up; the week in progress is not.
    expect(rolled.sort()).toEqual([a, b]);
    expect(await figures(server)).toEqual(EXPECTED);

    // The anonymous visitor comes back in week B, sent after B was rolled
    // up: counted at once, as if never rolled up.
    const late = track(anon, 'Express Slot Selected', weekB + DAY * 2);
    expect((await send(server, 'track', late)).status).toBe(200);
    const after = visitorBack();
    expect(await figures(server)).toEqual(after);
    // Rolled up again, the same figures; nothing left stale.
    await tasks.get('teamflow-analytics-weeks')!();
    expect(await knex('analytics_weekly_stale').count('* as n')).toEqual([
      { n: knex.client.config.client === 'pg' ? '0' : 0 },
    ]);
    expect(await figures(server)).toEqual(after);
    expect((await familyUsers(server)).users).toEqual([
      ['feature:default/reorder', 2],
      ['feature:default/slots', 0.5],
    ]);
  });

  it('keeps a week stale when a call arrives while it is being rolled up', async () => {
    const knex = await databases.init(dbId);
    const tasks = new Map<string, () => Promise<void>>();
    const server = await start(knex, { tasks });
    expect((await send(server, 'batch', { batch: history })).status).toBe(200);
    await tasks.get('teamflow-analytics-weeks')!();
    // The visitor comes back in week B: B is stale. On PostgreSQL its next
    // roll-up is held while it sums (at the row the visitor's call gives
    // it, which another transaction is inserting); meanwhile Cy's late call
    // into B commits, after the sums' snapshot. The roll-up must leave B
    // stale for Cy's call, or views would read B without it.
    const pg = knex.client.config.client === 'pg';
    const holder = pg ? await knex.transaction() : undefined;
    await holder?.('analytics_weekly').insert({
      feature: 'feature:default/slots',
      persona: 'unassigned',
      week: new Date(weekB).toISOString().slice(0, 10),
      ...Object.fromEntries(COUNTERS.map(c => [c, 0])),
    });
    const visitor = track(anon, 'Express Slot Selected', weekB + DAY * 2);
    expect((await send(server, 'track', visitor)).status).toBe(200);
    const rolling = tasks.get('teamflow-analytics-weeks')!();
    for (const deadline = Date.now() + 20_000; pg; ) {
      const [row] = await knex('pg_stat_activity')
        .count('* as n')
        .where({ wait_event_type: 'Lock' })
        .andWhere('datname', knex.raw('current_database()'));
      if (Number(row.n) >= 1) break;
      if (Date.now() > deadline) throw new Error('the roll-up never waited');
      await new Promise(r => setTimeout(r, 20));
    }
    const cyAgain = track(cy, 'Express Slot Changed', weekB + DAY * 6);
    expect((await send(server, 'track', cyAgain)).status).toBe(200);
    await holder?.rollback();
    await rolling;
    const expected = visitorBack(4);
    expect(await figures(server)).toEqual(expected);
    await tasks.get('teamflow-analytics-weeks')!();
    expect(await figures(server)).toEqual(expected);
  });

  it('counts users coming back when their two weeks arrive at once, in two concurrent batches', async () => {
    const knex = await databases.init(dbId);
    const server = await start(knex);
    const users = Array.from({ length: 200 }, (_, i) => `user-race-${i}`);
    await send(server, 'batch', {
      batch: users.map(u => identify(u, { segment: 'family' }, weekA - DAY)),
    });
    const weekOfUse = (t: number) => ({
      batch: users.map(u => track({ userId: u }, 'Reorder Clicked', t + DAY)),
    });
    // Every user first used it a week before A: the batches below find
    // each user's first use stored and do not wait on each other for it.
    expect((await send(server, 'batch', weekOfUse(monday(3)))).status).toBe(
      200,
    );
    // Week A's and week B's use, one batch each, in the order that loses a
    // count if nothing prevents it: A reads its neighbouring weeks, B adds
    // and reads its own while A has not committed (on PostgreSQL A is held
    // at its daily counters by a row another transaction is inserting),
    // then A commits. SQLite writes one transaction at a time.
    const pg = knex.client.config.client === 'pg';
    const holder = pg ? await knex.transaction() : undefined;
    const dayA = new Date(weekA + DAY).toISOString().slice(0, 10);
    await holder?.('analytics_daily').insert({
      feature: 'feature:default/reorder',
      persona: 'persona:default/family',
      day: dayA,
      week: weekOf(dayA),
    });
    const sentA = send(server, 'batch', weekOfUse(weekA)).then(r => r);
    // Waits until `n` ingest statements wait for a lock, or `done` settled.
    const waitForLocks = async (n: number, done?: Promise<unknown>) => {
      let settled = false;
      done?.then(() => (settled = true));
      for (const deadline = Date.now() + 20_000; ; ) {
        if (Date.now() > deadline)
          throw new Error(`no ${n} ingest statements waiting for a lock`);
        const [row] = await knex('pg_stat_activity')
          .count('* as n')
          .where({ wait_event_type: 'Lock' })
          .andWhere('datname', knex.raw('current_database()'));
        if (settled || Number(row.n) >= n) return;
        await new Promise(r => setTimeout(r, 20));
      }
    };
    let sentB;
    if (pg) {
      await waitForLocks(1);
      sentB = send(server, 'batch', weekOfUse(weekB)).then(r => r);
      // B either finishes, or waits for A.
      await waitForLocks(2, sentB);
      await holder!.rollback();
    }
    const sent = [
      await sentA,
      await (sentB ?? send(server, 'batch', weekOfUse(weekB))),
    ];
    expect(sent.map(r => r.status)).toEqual([200, 200]);
    const [reorder] = (await figures(server)).filter(
      f => f.key === 'reorder × family',
    );
    // Every user of A came back in B, and A's from the week before.
    expect(reorder).toMatchObject({
      lastTwoWeeks: [200, 200],
      retention: 1,
      newUsers: 0,
    });
  });

  it("counts a first use and a user-week once when two replicas receive one user's uses in any order", async () => {
    const knex = await databases.init(dbId);
    // Two backends on one database, as two replicas behind a load balancer:
    // each remembers what it stored and leaves known uses out of its
    // statements, so a replica's memory must never hide another's change.
    const one = await start(knex);
    const two = await start(knex);
    const use = (server: any, t: number) =>
      send(server, 'batch', { batch: [track(ann, 'Reorder Clicked', t)] });
    expect(
      (
        await send(one, 'batch', {
          batch: [identify(ann.userId, { segment: 'family' }, monday(4))],
        })
      ).status,
    ).toBe(200);
    // 1. First seen by one in week B.
    expect((await use(one, weekB + 2 * DAY)).status).toBe(200);
    // 2. One gets an earlier use, three weeks ago: the first use moves out
    //    of the two weeks read below.
    expect((await use(one, monday(3) + DAY)).status).toBe(200);
    // 3. Two gets a use in week A, after the first use: not a first use;
    //    week A is new, and makes week B's user a returning one.
    expect((await use(two, weekA + DAY)).status).toBe(200);
    // 4. Two gets a still earlier use, five weeks ago: the first use moves
    //    again, and one does not know it.
    expect((await use(two, monday(5) + DAY)).status).toBe(200);
    // 5. One gets a use four weeks ago: before the first use it knows of,
    //    after the stored one: nothing moves.
    expect((await use(one, monday(4) + DAY)).status).toBe(200);
    // 6. and 7. Week B again, at one (which added it) and at two (which did
    //    not): only events.
    expect((await use(one, weekB + 4 * DAY)).status).toBe(200);
    expect((await use(two, weekB + 3 * DAY)).status).toBe(200);
    for (const server of [one, two]) {
      const [reorder] = (await figures(server)).filter(
        f => f.key === 'reorder × family',
      );
      // Weeks A and B: active in both (1 a week), back in B, 4 events,
      // no first use (it was five weeks ago).
      expect(reorder).toMatchObject({
        activeUsers: 1,
        events: 4,
        newUsers: 0,
        retention: 1,
        lastTwoWeeks: [1, 1],
      });
      // Over six weeks: one first use, five weeks ago.
      const { usage: six } = await usage(server, 'feature=reorder&weeks=6');
      expect(
        six
          .filter((u: any) => u.persona === 'persona:default/family')
          .map((u: any) => [u.newUsers, u.events]),
      ).toEqual([[1, 7]]);
    }
  });

  it('draws a North Star tree from a fed series and the HEART figures, with the teams that move it', async () => {
    const server = await start(await databases.init(dbId));
    await send(server, 'batch', { batch: history });
    const day = (t: number) => new Date(t).toISOString().slice(0, 10);
    const fed = await send(server, 'series', {
      series: 'shops',
      points: [
        ...Array.from({ length: 7 }, (_, i) => ({
          day: day(weekA + i * DAY),
          value: 10,
        })),
        { day: day(weekB), value: 20 },
        { day: day(weekB + DAY), value: 40 },
      ],
    });
    expect(fed.status).toBe(200);
    expect(fed.body).toEqual({ series: 'shops', stored: 9 });
    // A day sent again takes the new value: B's mean becomes (20 + 60) / 2.
    await send(server, 'series', {
      series: 'shops',
      points: [{ day: day(weekB + DAY), value: 60 }],
    });

    const res = await request(server)
      .get('/api/teamflow/analytics/north-stars')
      .set('Authorization', user);
    expect(res.status).toBe(200);
    const [tree] = res.body.trees;
    expect(tree.domain).toBe('domain:default/shopping');
    const lastTwo = (m: any) => m.weekly.slice(-2).map((w: any) => w.value);
    expect(tree.northStar).toMatchObject({
      name: 'Weekly shops',
      latest: 40,
      change: null,
      teams: ['group:default/checkout', 'group:default/discovery'],
    });
    expect(lastTwo(tree.northStar)).toEqual([10, 40]);
    expect(tree.northStar.weekly).toHaveLength(13);
    // Ann and Bo both weeks; reorder: 1 success of 1 in A, 0 of 1 in B.
    expect(lastTwo(tree.inputs[0])).toEqual([2, 2]);
    expect(tree.inputs[0].teams).toEqual(['group:default/discovery']);
    expect(lastTwo(tree.inputs[1])).toEqual([1, 0]);
    expect(tree.inputs[1].teams).toEqual([]);
    // The same series summed per week: 7 × 10 in A, 20 + 60 in B.
    expect(lastTwo(tree.inputs[2])).toEqual([70, 80]);

    for (const [body, message] of [
      [
        { series: 'shops', points: [{ day: '2026-02-30', value: 1 }] },
        'points[0].day must be a date as YYYY-MM-DD',
      ],
      [
        { series: 'shops', points: [{ day: day(weekB), value: 'many' }] },
        'points[0].value must be a number',
      ],
      [
        { series: '../shops', points: [{ day: day(weekB), value: 1 }] },
        "series must be a name of letters, digits, '-', '_' or '.' (at most 100)",
      ],
      [
        { series: 'shops', points: [] },
        'points must be a list of 1 to 5,000 { day, value }',
      ],
    ] as const) {
      const bad = await send(server, 'series', body);
      expect(bad.status).toBe(400);
      expect(bad.body.error.message).toBe(message);
    }
    expect(
      (
        await request(server)
          .post('/api/teamflow/analytics/v1/series')
          .send({ series: 'shops', points: [] })
      ).status,
    ).toBe(401);
  });

  it('counts a call sent twice once, and a batch sent again not at all', async () => {
    const server = await start(await databases.init(dbId));
    await send(server, 'batch', { batch: history });
    const again = await send(server, 'batch', { batch: history });
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({
      accepted: 0,
      duplicates: history.length,
    });
    // The same messageId twice in one new batch: once.
    const repeated = track(bo, 'Express Slot Selected', weekB);
    const twice = await send(server, 'batch', { batch: [repeated, repeated] });
    expect(twice.body).toMatchObject({ accepted: 1, duplicates: 1 });
    const slots = (await figures(server)).find(f => f.key === 'slots × family');
    // Bo joins in B: 2 users over 2 weeks → 1 a week, 2 events.
    expect(slots).toMatchObject({ activeUsers: 1, events: 2, newUsers: 2 });
  });

  it('counts many small requests sent at once as one batch, each answered for its own calls', async () => {
    // As browsers and server libraries send them: a few calls a request,
    // many requests at once (counted together, see IngestQueue), one of
    // them a retry of another.
    const server = await start(await databases.init(dbId));
    await send(server, 'batch', { batch: identifies });
    const calls = [...inWeekA, ...inWeekB, ...inCurrentWeek];
    const requests = [
      ...calls.slice(3).map(call => ({ batch: [call] })),
      { batch: calls.slice(0, 3) },
      { batch: [calls[5]] },
    ];
    const answers = await Promise.all(
      requests.map(body => send(server, 'batch', body)),
    );
    expect(answers.map(a => a.status)).toEqual(requests.map(() => 200));
    // Each request's calls accepted, but for one copy of the call sent twice.
    expect(answers.map(a => a.body.accepted + a.body.duplicates)).toEqual(
      requests.map(r => r.batch.length),
    );
    expect(answers.reduce((n, a) => n + a.body.duplicates, 0)).toBe(1);
    expect(answers.slice(-1)[0].body.accepted + answers[2].body.accepted).toBe(
      1,
    );
    expect(await figures(server)).toEqual(EXPECTED);
  });

  it('counts events that came before their Feature once the catalog declares it, once, with the persona of their time', async () => {
    const catalog = {
      entities: entities.filter(e => e.metadata.name !== 'slots'),
    };
    const tasks = new Map<string, () => Promise<void>>();
    const server = await start(await databases.init(dbId), { catalog, tasks });
    const refresh = tasks.get('teamflow-analytics-model-refresh')!;
    await refresh();
    expect(
      (await send(server, 'batch', { batch: history })).body,
    ).toMatchObject({ accepted: history.length, rejected: [] });
    // Ann becomes an express shopper after those weeks: her past use stays a family's.
    await send(
      server,
      'identify',
      identify('user-ann-1', { segment: 'express' }, monday(0)),
    );
    // No Feature declares "Express Slot …" yet: nothing counted for it.
    await refresh();
    expect(
      (await figures(server)).filter(f => f.key.startsWith('slots')),
    ).toEqual([]);

    // The product team adds the Feature: its events so far count, as if it had been there.
    catalog.entities = entities;
    await refresh();
    expect(await figures(server)).toEqual(EXPECTED);
    // Refreshing again, or two replicas at once, counts nothing twice.
    await Promise.all([refresh(), refresh()]);
    await refresh();
    expect(await figures(server)).toEqual(EXPECTED);
  });

  it('takes a full batch of 1,200 calls in one request', async () => {
    const server = await start(await databases.init(dbId));
    const batch = Array.from({ length: 1200 }, (_, i) =>
      track(
        { anonymousId: `visitor-${i % 600}` },
        'Express Slot Selected',
        weekB + (i % 7) * DAY,
      ),
    );
    const res = await send(server, 'batch', { batch });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ accepted: 1200, duplicates: 0 });
    // 600 visitors, twice each, all in week B.
    const slots = await usage(server, 'feature=slots&weeks=1');
    expect(
      slots.usage.find((u: any) => u.persona === 'unassigned'),
    ).toMatchObject({
      activeUsers: 600,
      events: 1200,
      newUsers: 600,
    });
  });

  it('refuses bad calls by index with the field named and stores the rest', async () => {
    const server = await start(await databases.init(dbId));
    const res = await send(server, 'batch', {
      batch: [
        track(ann, 'Reorder Clicked', weekB),
        {
          type: 'track',
          userId: 'x',
          messageId: 'no-event',
          timestamp: at(weekB, 1),
        },
        { type: 'identify', traits: {}, messageId: 'nobody' },
        { type: 'alias', userId: 'x', previousId: 'y' },
        { ...track(ann, 'Reorder Clicked', weekB), timestamp: 'yesterday' },
        {
          ...track(ann, 'Reorder Clicked', weekB),
          timestamp: new Date(Date.now() + DAY).toISOString(),
        },
        {
          ...track(ann, 'Reorder Clicked', weekB),
          timestamp: new Date(Date.now() - 400 * DAY).toISOString(),
        },
        'not a call',
        { type: 'purchase', userId: 'x' },
      ],
    });
    expect(res.status).toBe(207);
    expect(res.body.accepted).toBe(1);
    expect(res.body.ignored).toBe(1);
    expect(res.body.rejected).toEqual([
      { index: 1, message: 'event is required' },
      { index: 2, message: 'userId or anonymousId is required' },
      {
        index: 4,
        message: 'timestamp must be an ISO-8601 date-time, got "yesterday"',
      },
      {
        index: 5,
        message: 'timestamp is more than five minutes in the future',
      },
      {
        index: 6,
        message: expect.stringMatching(
          /^timestamp is older than the days raw events are kept/,
        ),
      },
      { index: 7, message: 'must be an object' },
      {
        index: 8,
        message:
          'type must be one of identify, track, page, screen, group, alias, got "purchase"',
      },
    ]);
    const none = await send(server, 'track', { userId: 'x', messageId: 'm' });
    expect(none.status).toBe(400);
    expect(none.body.error.message).toBe(
      'no call was stored: [0] event is required',
    );
    const notJson = await request(server)
      .post('/api/teamflow/analytics/v1/batch')
      .set('Authorization', basic(WRITE_KEY))
      .set('Content-Type', 'application/json')
      .send('{"batch": [');
    expect(notJson.status).toBe(400);
    expect(notJson.body.error.message).toMatch(/^The body is not valid JSON/);
    // Nothing refused reached the figures.
    const reorder = await usage(server, 'feature=reorder&weeks=1');
    expect(reorder.usage[0]).toMatchObject({
      persona: 'unassigned',
      events: 1,
    });

    for (const q of [
      'persona=group:default/checkout',
      'feature=feature:../..',
      'weeks=2',
      'persona=family&weeks=53',
      'persona=family&weeks=two',
    ])
      expect(
        (
          await request(server)
            .get(`/api/teamflow/analytics/usage?${q}`)
            .set('Authorization', user)
        ).status,
      ).toBe(400);
    expect(
      (
        await request(server).get(
          '/api/teamflow/analytics/usage?persona=family',
        )
      ).status,
    ).toBe(401);
  });

  it('takes calls only with a write key, and stores user ids only as keyed hashes', async () => {
    const knex = await databases.init(dbId);
    const server = await start(knex);
    const call = identify(
      'user-ann-1',
      { segment: 'family', email: 'ann@example.com', name: 'Ann Example' },
      weekB,
    );
    expect(
      (
        await request(server)
          .post('/api/teamflow/analytics/v1/identify')
          .send(call)
      ).status,
    ).toBe(401);
    expect(
      (await send(server, 'identify', call, 'a-wrong-write-key-0000')).status,
    ).toBe(401);
    // Segment's other way: the write key in the body.
    const inBody = await request(server)
      .post('/api/teamflow/analytics/v1/identify')
      .send({ ...call, writeKey: WRITE_KEY });
    expect(inBody.status).toBe(200);
    await send(server, 'track', track(ann, 'Reorder Clicked', weekB));

    const stored = JSON.stringify(
      await Promise.all(
        [
          'analytics_events',
          'analytics_users',
          'analytics_feature_users',
          'analytics_user_weeks',
          'analytics_daily',
        ].map(t => knex(t).select()),
      ),
    );
    expect(stored).toContain('family');
    for (const secret of ['ann', 'Ann', 'example.com', 'Example'])
      expect(stored).not.toContain(secret);
    const [row] = await knex('analytics_users').select();
    expect(JSON.parse(row.traits)).toEqual({ segment: 'family' });
  });
});

import { Knex } from 'knex';
import { TestDatabases, mockServices } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { Entity } from '@backstage/catalog-model';
import { SourcedEvent } from '@teamflow/plugin-delivery-node';
import { seriesTrend } from '@teamflow/plugin-delivery-common';
import { DeliveryStore } from '../database/DeliveryStore';
import { DeliveryService } from './DeliveryService';

jest.setTimeout(60_000);
const databases = TestDatabases.create();

const entities: Entity[] = [
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name: 'checkout-service',
      namespace: 'default',
      annotations: { 'github.com/project-slug': 'basketly/checkout-service' },
    },
    spec: { type: 'service', lifecycle: 'production', owner: 'checkout' },
    relations: [{ type: 'ownedBy', targetRef: 'group:default/checkout' }],
  },
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Group',
    metadata: { name: 'commerce', namespace: 'default' },
    spec: { type: 'department', children: ['checkout'] },
    relations: [{ type: 'parentOf', targetRef: 'group:default/checkout' }],
  },
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Group',
    metadata: { name: 'checkout', namespace: 'default' },
    spec: { type: 'team', children: [] },
    relations: [{ type: 'childOf', targetRef: 'group:default/commerce' }],
  },
];

const at = (s: string) => Date.parse(`2026-11-${s}:00Z`);
const svc = { entityRef: 'component:default/checkout-service' };
const ev = (event: SourcedEvent['event']): SourcedEvent => ({
  source: 'test',
  event,
});
const change = (id: string, merged: string, over = {}) =>
  ev({
    kind: 'change',
    id,
    entity: svc,
    mergedAt: at(merged),
    labels: [],
    ...over,
  });
const deploy = (id: string, finished: string, over = {}) =>
  ev({
    kind: 'deployment',
    id,
    entity: svc,
    environment: 'production',
    finishedAt: at(finished),
    status: 'success',
    rollback: false,
    ...over,
  });

/** `days` days up to `end` (exclusive, as `at` takes it), as the page asks them. */
const daysUpTo = (end: string, days: number) => ({
  from: new Date(at(end) - days * 86_400_000).toISOString(),
  to: new Date(at(end)).toISOString(),
});
/** The windows each backend reads ahead from start-up: days, with trends. */
const READ_AHEAD_FROM_START = [
  [180, true],
  [90, true],
  [90, false],
] as const;

const window = {
  from: '2026-11-01T00:00:00.000Z',
  to: '2026-11-08T00:00:00.000Z',
};

/** A second team, courier, with its component. */
const withCourier: Entity[] = [
  ...entities,
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name: 'courier-app', namespace: 'default' },
    spec: { type: 'service', lifecycle: 'production', owner: 'courier' },
    relations: [{ type: 'ownedBy', targetRef: 'group:default/courier' }],
  },
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Group',
    metadata: { name: 'courier', namespace: 'default' },
    spec: { type: 'team', children: [] },
  },
];
const courierDeploy = (deployment: string, finished: string, over = {}) =>
  deploy(deployment, finished, {
    entity: { entityRef: 'component:default/courier-app' },
    ...over,
  });

describe.each(databases.eachSupportedId())('delivery ledger on %s', id => {
  async function create(
    existing?: Knex,
    options: {
      store?: DeliveryStore;
      organisationCache?: boolean;
      catalog?: Entity[];
      now?: () => number;
    } = {},
  ) {
    const knex = existing ?? (await databases.init(id));
    const store =
      options.store ??
      (await DeliveryStore.create({
        database: mockServices.database({ knex }),
      }));
    const service = DeliveryService.create({
      store,
      organisationCache: options.organisationCache,
      catalog: catalogServiceMock({ entities: options.catalog ?? entities }),
      auth: mockServices.auth(),
      permissions: mockServices.permissions(),
      logger: mockServices.logger.mock(),
      definitions: {
        environment: 'production',
        leadTimeStart: 'first-commit',
        failureWindowHours: 24,
        minimumSample: 1,
      },
      now: options.now ?? (() => at('21T12:00')),
    });
    return { service, store, knex };
  }
  const user = mockServices.auth().getOwnServiceCredentials();
  /**
   * A backend keeping organisation answers (b) and one keeping none (c), on
   * one database, with courier in the catalog: c's answers are what b's must
   * equal.
   */
  async function keepingAndNot(now: () => number) {
    const b = await create(undefined, { catalog: withCourier, now });
    const c = await create(b.knex, {
      catalog: withCourier,
      now,
      organisationCache: false,
    });
    return { b, c };
  }

  it('keeps an organisation answer only until a replica judges one of its teams', async () => {
    // Two teams; replica A judges, replica B answers (it keeps every team's
    // numbers per window); C keeps nothing and reads every team every time.
    const a = await create(undefined, { catalog: withCourier });
    const b = await create(a.knex, { catalog: withCourier });
    const c = await create(a.knex, {
      catalog: withCourier,
      organisationCache: false,
    });
    const deployments = async (service: DeliveryService) => {
      const org = await service.organisation({ window });
      return [
        ...org.teams.map(t => [
          t.teamRef,
          t.summary.deploymentFrequency.deployments,
        ]),
        ['organisation', org.organisation.deploymentFrequency.deployments],
      ];
    };
    await a.service.ingest([
      deploy('d1', '02T10:00'),
      courierDeploy('k1', '03T10:00'),
    ]);
    await a.service.settled();
    expect(await deployments(b.service)).toEqual([
      ['group:default/checkout', 1],
      ['group:default/courier', 1],
      ['organisation', 2],
    ]);
    // A judges two more courier deployments, on new days:
    // B reads courier again, keeps checkout, and sums the organisation anew.
    await a.service.ingest([
      courierDeploy('k2', '04T10:00'),
      courierDeploy('k3', '05T10:00'),
    ]);
    await a.service.settled();
    expect(await deployments(b.service)).toEqual([
      ['group:default/checkout', 1],
      ['group:default/courier', 3],
      ['organisation', 4],
    ]);
    const fresh = await c.service.organisation({ window });
    expect(await b.service.organisation({ window })).toEqual(fresh);
    expect(fresh.organisation.deploymentFrequency.deployDaysPerWeek).toBe(4);
    // Courier again (its weeks now kept: the organisation's weeks move by its
    // new weeks minus the kept ones), a failure of checkout on 3 Nov, then
    // checkout's k1 day without courier: each time what C reads whole.
    for (const batch of [
      [courierDeploy('k4', '06T10:00')],
      [deploy('d2', '03T11:00', { status: 'failure' })],
      [courierDeploy('k5', '06T11:00'), deploy('d3', '07T09:00')],
    ]) {
      await a.service.ingest(batch);
      await a.service.settled();
      expect(await b.service.organisation({ window })).toEqual(
        await c.service.organisation({ window }),
      );
    }
    // Successful deployments: the failed d2 is not one.
    expect(await deployments(b.service)).toEqual([
      ['group:default/checkout', 2],
      ['group:default/courier', 5],
      ['organisation', 7],
    ]);
    // A window B never answered is read whole; the earlier one stays kept.
    const other = { from: '2026-11-03T00:00:00.000Z', to: window.to };
    expect(await b.service.organisation({ window: other })).toEqual(
      await c.service.organisation({ window: other }),
    );
    expect(await deployments(b.service)).toEqual(await deployments(c.service));
  });

  it('sums ahead, each new day, the organisation windows that end with it', async () => {
    let clock = at('21T12:00');
    const b = await create(undefined, { now: () => clock });
    const c = await create(b.knex, {
      now: () => clock,
      organisationCache: false,
    });
    const read = jest.spyOn(b.store.reads, 'teamWindow');
    // The organisation's weeks summed again over every team.
    const summedAgain = jest.spyOn(b.store.reads, 'organisationWeeks');
    const reads = () =>
      read.mock.calls.map(([f]) => `${f.fromDay}..${f.toDay} ${f.teamWeeks}`);
    // 90 days up to today, as the organisation page asks them.
    const upToToday = () => {
      const to = Math.floor(clock / 86_400_000) * 86_400_000 + 86_400_000;
      const iso = (ms: number) => new Date(ms).toISOString();
      return { from: iso(to - 90 * 86_400_000), to: iso(to) };
    };
    await b.service.ingest([
      deploy('d1', '02T10:00'),
      deploy('d2', '20T10:00'),
    ]);
    await b.service.settled();
    // Nothing is read ahead before the first minute's run.
    expect(reads()).toEqual([]);
    const yesterday = upToToday();
    await b.service.organisation({ window: yesterday });
    expect(reads()).toEqual(['2026-08-24..2026-11-22 true']);
    // Next day: the page's longest choice, 180 days with trends, and both
    // of today's 90 days (with trends as asked, without as the tech-debt and
    // attention pages ask by default) are summed ahead: the 180 days whole
    // (yesterday's 90 were not read by week), the others composed from it
    // (their weeks are among its weeks).
    clock = at('22T00:30');
    const summed = await b.service.readAhead();
    expect(summed.map(w => `${w.fromDay}..${w.toDay} ${w.teamWeeks}`)).toEqual([
      '2026-05-27..2026-11-23 true',
      '2026-08-25..2026-11-23 true',
      '2026-08-25..2026-11-23 false',
    ]);
    expect(reads()).toEqual([
      '2026-08-24..2026-11-22 true',
      '2026-05-27..2026-11-23 true',
    ]);
    const days = (n: number) => ({
      from: new Date(Date.parse(upToToday().to) - n * 86_400_000).toISOString(),
      to: upToToday().to,
    });
    for (const [asked, teamTrends] of [
      [days(180), true],
      [days(90), true],
      [days(90), false],
      // Asked first now: composed from the 180 days, its edge days read.
      [days(30), true],
    ] as const)
      expect(
        await b.service.organisation({ window: asked, teamTrends }),
      ).toEqual(await c.service.organisation({ window: asked, teamTrends }));
    expect(read).toHaveBeenCalledTimes(2);
    // A deployment today: its team is read again (by week, as read ahead),
    // and the organisation's weeks move by its difference, both by the next
    // minute's run and by a reader before it.
    await b.service.ingest([deploy('d3', '22T00:10')]);
    await b.service.settled();
    expect(await b.service.readAhead()).toEqual([]);
    await b.service.ingest([deploy('d4', '22T00:20')]);
    await b.service.settled();
    const today = await b.service.organisation({ window: upToToday() });
    expect(today).toEqual(
      await c.service.organisation({ window: upToToday() }),
    );
    expect(today.organisation.deploymentFrequency.deployments).toBe(4);
    expect(read).toHaveBeenCalledTimes(2);
    expect(summedAgain).not.toHaveBeenCalled();
    // A window that does not end today is not read ahead the next day (a
    // week's days, no whole week: read whole). Today's 90 days, whose whole
    // weeks are yesterday's, are composed from yesterday's.
    await b.service.organisation({ window });
    clock = at('23T00:30');
    expect(
      (await b.service.readAhead()).map(w => `${w.fromDay}..${w.toDay}`),
    ).toEqual([
      '2026-05-28..2026-11-24',
      '2026-08-26..2026-11-24',
      '2026-08-26..2026-11-24',
      '2026-10-25..2026-11-24',
    ]);
    expect(reads().slice(2)).toEqual(['2026-11-01..2026-11-08 true']);
    for (const teamTrends of [true, false])
      expect(
        await b.service.organisation({ window: upToToday(), teamTrends }),
      ).toEqual(
        await c.service.organisation({ window: upToToday(), teamTrends }),
      );
    // Nobody asked for a week: nothing is read ahead any more.
    clock = at('30T12:00');
    await b.service.readAhead();
    expect(read).toHaveBeenCalledTimes(3);
    // A window read ahead lets go of the day before's of its length: asked
    // again, 21 November's 90 days are not kept, but composed from the kept
    // 180 days that hold their weeks (nothing summed whole).
    const again = await b.service.organisation({ window: yesterday });
    expect(again).toEqual(await c.service.organisation({ window: yesterday }));
    expect(read).toHaveBeenCalledTimes(3);
    // 1 May to 22 November reaches before the 180 days' weeks: read whole.
    const longer = { from: '2026-05-01T00:00:00Z', to: yesterday.to };
    await b.service.organisation({ window: longer });
    expect(reads().slice(3)).toEqual(['2026-05-01..2026-11-22 true']);
  });

  it('reads ahead on an empty ledger, then finds every team judged after it (a start-up before the first events)', async () => {
    // A new portal: the minute's run reads ahead before any event is judged
    // (the demo history is seeded a minute later). The windows it kept must
    // take in the teams judged after it.
    const clock = at('25T12:00');
    const { b, c } = await keepingAndNot(() => clock);
    await b.service.readAhead();
    await b.service.ingest([
      deploy('d1', '02T10:00'),
      deploy('d2', '24T09:00'),
      courierDeploy('k1', '20T10:00'),
    ]);
    await b.service.settled();
    const upTo = (days: number) => daysUpTo('26T00:00', days);
    for (const read of [() => Promise.resolve(), () => b.service.readAhead()]) {
      await read();
      for (const [days, teamTrends] of READ_AHEAD_FROM_START) {
        const answer = await b.service.organisation({
          window: upTo(days),
          teamTrends,
        });
        expect(answer.teams.map(t => t.teamRef)).toEqual([
          'group:default/checkout',
          'group:default/courier',
        ]);
        expect(answer).toEqual(
          await c.service.organisation({ window: upTo(days), teamTrends }),
        );
      }
    }
  });

  it('composes a window from a kept one holding its whole weeks, reading only its edge days and the teams judged since', async () => {
    // Wednesday 25 November: today's 90 days are 28 Aug … 25 Nov.
    const clock = at('25T12:00');
    const { b, c } = await keepingAndNot(() => clock);
    const read = jest.spyOn(b.store.reads, 'teamWindow');
    const byWeek = jest.spyOn(b.store.reads, 'teamsByWeek');
    const summedAgain = jest.spyOn(b.store.reads, 'organisationWeeks');
    const october = (s: string) => ({
      finishedAt: Date.parse(`2026-10-${s}:00Z`),
    });
    // Deployments in every part of the windows below: whole weeks, edge
    // days at both ends, today's week, weeks before the kept ones (May);
    // lead times and a failure.
    await b.service.ingest([
      deploy('d0', '01T00:00', { finishedAt: Date.parse('2026-05-27T10:00Z') }),
      courierDeploy('k0', '01T00:00', {
        finishedAt: Date.parse('2026-05-21T10:00Z'),
      }),
      deploy('d1', '01T00:00', october('03T10:00')),
      change('c1', '01T00:00', { mergedAt: Date.parse('2026-10-27T07:00Z') }),
      deploy('d2', '01T00:00', october('27T10:00')),
      deploy('d3', '02T10:00', { status: 'failure' }),
      change('c2', '24T08:00'),
      deploy('d4', '24T09:00'),
      courierDeploy('k1', '01T00:00', october('04T10:00')),
      courierDeploy('k2', '01T00:00', october('20T10:00')),
      courierDeploy('k3', '25T10:00'),
    ]);
    await b.service.settled();
    const days = (from: string, to: string) => ({
      from: `2026-${from}T00:00:00.000Z`,
      to: `2026-${to}T00:00:00.000Z`,
    });
    const same = async (asked: ReturnType<typeof days>, teamTrends = true) => {
      const answer = await b.service.organisation({
        window: asked,
        teamTrends,
      });
      expect(answer).toEqual(
        await c.service.organisation({ window: asked, teamTrends }),
      );
      return answer;
    };
    // Edge days read for every team (no team named), as `from..to`.
    const edgeReads = () =>
      byWeek.mock.calls
        .filter(([f]) => !f.teamRefs)
        .map(([f]) => `${f.fromDay}..${f.toDay}`);
    // The minute's run: the page's 180 days with trends summed whole and
    // read by week; today's 90 days composed from them (their first edge
    // days read, from Friday 28 August), then without trends from those
    // (the same days: nothing read).
    await b.service.readAhead();
    expect(read).toHaveBeenCalledTimes(1);
    expect(edgeReads()).toEqual(['2026-08-28..2026-08-31']);
    byWeek.mockClear();
    // 30 days up to today (from Tuesday 27 October): its whole weeks are
    // the kept window's; only its first edge days are read, the days of
    // today's week are the kept window's own.
    const thirty = await same(days('10-27', '11-26'));
    expect(edgeReads()).toEqual(['2026-10-27..2026-11-02']);
    // Successful deployments: d2, d4 and k3 (d3 failed).
    expect(thirty.organisation.deploymentFrequency.deployments).toBe(3);
    // A window reaching one whole week before the kept weeks (the 180
    // days' start on Monday 1 June, this one's whole weeks on 25 May):
    // composed, that week read with its edge days. k0 and d0 are in them.
    const longer = await same(days('05-20', '11-26'));
    expect(edgeReads().slice(1)).toEqual(['2026-05-20..2026-06-01']);
    // Every successful deployment so far but d3's failure, d0 and k0 included.
    expect(longer.organisation.deploymentFrequency.deployments).toBe(8);
    expect(read).toHaveBeenCalledTimes(1);
    // A past window from Saturday 3 to Wednesday 28 October, with and
    // without trends: both its edges are read.
    const past = days('10-03', '10-28');
    expect(
      (await same(past)).organisation.deploymentFrequency.deployments,
    ).toBe(4);
    await same(past, false);
    expect(edgeReads().slice(2)).toEqual([
      '2026-10-03..2026-10-05',
      '2026-10-26..2026-10-28',
    ]);
    expect(read).toHaveBeenCalledTimes(1);
    // Courier deploys again today; before the next minute's run, a new
    // window: courier (judged since) is read whole by week, checkout comes
    // from the kept window, and the organisation's weeks move by courier's
    // difference.
    await b.service.ingest([courierDeploy('k4', '25T11:00')]);
    await b.service.settled();
    const sixty = await same(days('09-27', '11-26'));
    // Every successful deployment but d3's failure.
    expect(sixty.organisation.deploymentFrequency.deployments).toBe(7);
    expect(
      byWeek.mock.calls
        .filter(([f]) => f.teamRefs)
        .map(([f]) => `${f.fromDay}..${f.toDay} ${f.teamRefs}`),
    ).toContain('2026-09-27..2026-11-26 group:default/courier');
    expect(read).toHaveBeenCalledTimes(1);
    // Composed windows are kept by week: judged into, they move by
    // difference, never summed whole again.
    await b.service.ingest([deploy('d5', '25T11:30')]);
    await b.service.settled();
    for (const asked of [days('10-27', '11-26'), days('09-27', '11-26')])
      await same(asked);
    expect(read).toHaveBeenCalledTimes(1);
    expect(summedAgain).not.toHaveBeenCalled();
    // Two weeks before any kept window's (from Monday 11 May): read whole.
    await same(days('05-06', '11-26'));
    expect(read).toHaveBeenCalledTimes(2);
  });

  it('reads ahead on a Sunday by composing from the day before, reading only the week that became whole', async () => {
    // Saturday 28 November: the 180 days up to today start on Tuesday 2 June.
    let clock = at('28T12:00');
    const { b, c } = await keepingAndNot(() => clock);
    const read = jest.spyOn(b.store.reads, 'teamWindow');
    const byWeek = jest.spyOn(b.store.reads, 'teamsByWeek');
    await b.service.ingest([
      deploy('d1', '01T00:00', { finishedAt: Date.parse('2026-06-04T10:00Z') }),
      deploy('d2', '01T00:00', { finishedAt: Date.parse('2026-10-14T10:00Z') }),
      change('c1', '24T08:00'),
      deploy('d3', '24T10:00'),
      courierDeploy('k1', '28T09:00'),
    ]);
    await b.service.settled();
    await b.service.readAhead();
    expect(read).toHaveBeenCalledTimes(1);
    byWeek.mockClear();
    // Sunday: the week of 23 November is now whole in the windows up to
    // today (to Monday 30 November). Courier deployed again after midnight.
    clock = at('29T00:30');
    await b.service.ingest([courierDeploy('k2', '29T00:10')]);
    await b.service.settled();
    expect(
      (await b.service.readAhead()).map(
        w => `${w.fromDay}..${w.toDay} ${w.teamWeeks}`,
      ),
    ).toEqual([
      '2026-06-03..2026-11-30 true',
      '2026-09-01..2026-11-30 true',
      '2026-09-01..2026-11-30 false',
    ]);
    // Nothing summed whole: the 180 days are Saturday's, their new edge
    // days and the week that became whole read for every team, courier
    // (judged since) read again.
    expect(read).toHaveBeenCalledTimes(1);
    expect(
      byWeek.mock.calls
        .filter(([f]) => !f.teamRefs)
        .map(([f]) => `${f.fromDay}..${f.toDay}`)
        .slice(0, 2),
    ).toEqual(['2026-06-03..2026-06-08', '2026-11-23..2026-11-30']);
    const upTo = (days: number) => daysUpTo('30T00:00', days);
    for (const [days, teamTrends] of READ_AHEAD_FROM_START) {
      const answer = await b.service.organisation({
        window: upTo(days),
        teamTrends,
      });
      expect(answer).toEqual(
        await c.service.organisation({ window: upTo(days), teamTrends }),
      );
      // d1 (4 June) is in the 180 days only; d2, d3, k1 and k2 in both.
      expect(answer.organisation.deploymentFrequency.deployments).toBe(
        days === 180 ? 5 : 4,
      );
    }
    expect(read).toHaveBeenCalledTimes(1);
  });

  it('recomputes at start-up the trend points of week rows written before they kept them', async () => {
    const { service, knex, store } = await create();
    // Two weeks of a deployment each with changes of 1 h and 3 h:
    // medians 2 h (lead time) in the weeks of 2 and 9 November.
    await service.ingest([
      change('c1', '02T09:00'),
      change('c2', '02T07:00'),
      deploy('d1', '02T10:00'),
      change('c3', '09T09:00'),
      change('c4', '09T07:00'),
      deploy('d2', '09T10:00'),
      deploy('s1', '09T08:00', { environment: 'staging' }),
    ]);
    await service.settled();
    // Both environments are offered, for the component and its team.
    const credentials = await user;
    for (const scope of [
      { entityRef: 'component:default/checkout-service' },
      { teamRef: 'group:default/checkout' },
    ])
      expect(
        (await service.summary(credentials, { ...scope, window })).environments,
      ).toEqual(['production', 'staging']);
    const wide = {
      from: '2026-10-26T00:00:00.000Z',
      to: '2026-11-16T00:00:00.000Z',
    };
    const before = await service.organisation({ window: wide });
    const points = (org: typeof before) =>
      org.weeks.map((w, i) => [w, org.teams[0].weekly!.leadTimeMedianHours[i]]);
    // Histogram medians: 1 h and 3 h fall in (0.71, 1] and (2.83, 4].
    expect(points(before)).toEqual([
      ['2026-10-26', null],
      ['2026-11-02', expect.any(Number)],
      ['2026-11-09', expect.any(Number)],
    ]);
    const median = before.teams[0].weekly!.leadTimeMedianHours[1]!;
    expect(median).toBeGreaterThan(0.7);
    expect(median).toBeLessThanOrEqual(4);
    // As a database from before the migration: week rows without points.
    await knex('delivery_team_weekly').update({
      lead_median: null,
      recovery_median: null,
      has_points: false,
    });
    // (Read by a backend that keeps nothing: no judgement moved the team.)
    const uncached = await create(knex, { store, organisationCache: false });
    expect(
      points(await uncached.service.organisation({ window: wide })),
    ).toEqual([
      ['2026-10-26', null],
      ['2026-11-02', null],
      ['2026-11-09', null],
    ]);
    // The next start recomputes them.
    const restarted = await create(knex);
    expect(await restarted.service.organisation({ window: wide })).toEqual(
      before,
    );
  });

  it('judges events as they arrive in any order and sums them exactly per entity and team', async () => {
    const { service } = await create();
    const first = [
      change('c1', '02T08:00', { firstCommitAt: at('01T20:00') }),
      change('c2', '02T09:00'),
      deploy('d1', '02T10:00'),
      change('c3', '03T09:00', { labels: ['hotfix'] }),
      deploy('d3', '03T10:00'),
    ];
    expect(await service.ingest(first)).toEqual({
      accepted: 5,
      duplicates: 0,
      updated: 0,
      rejected: [],
    });
    // Later: the rollback of d1 and an incident two hours after d3.
    await service.ingest([
      deploy('d2', '02T11:00', { rollback: true }),
      ev({
        kind: 'incident',
        id: 'i1',
        entity: svc,
        environment: 'production',
        startedAt: at('03T12:00'),
        resolvedAt: at('03T15:00'),
      }),
    ]);
    // The same batch again is stored once.
    expect(await service.ingest(first)).toMatchObject({
      accepted: 0,
      duplicates: 5,
    });

    const credentials = await user;
    const { summary } = await service.summary(credentials, {
      entityRef: 'component:default/checkout-service',
      window,
    });
    // 3 successful deployments in 7 days on 2 days
    expect(summary.deploymentFrequency).toEqual({
      deployments: 3,
      perDay: 0.43,
      deployDaysPerWeek: 2,
    });
    // c1: 1 Nov 20:00 -> d1 2 Nov 10:00 = 14 h; c2, c3: merged an hour before = 1 h
    expect(summary.leadTimeHours).toEqual({
      status: 'ok',
      n: 3,
      median: 1,
      p75: 7.5,
      p90: 11.4,
    });
    // d1 rolled back, d3 caused i1: 2 of 3
    expect(summary.changeFailRate).toEqual({
      status: 'ok',
      n: 3,
      numerator: 2,
      rate: 0.667,
    });
    // d1 recovered by the rollback after 1 h; d3 when i1 was resolved, 5 h
    expect(summary.recoveryTimeHours).toEqual({
      status: 'ok',
      n: 2,
      median: 3,
      p75: 4,
      p90: 4.6,
    });
    // the rollback and the hotfix
    expect(summary.reworkRate).toMatchObject({ numerator: 2, rate: 0.667 });
    expect(summary.coverage).toEqual({
      deployments: 3,
      deploymentsWithChanges: 0.667,
      incidents: 1,
      incidentsWithoutDeployment: 0,
    });
    // weeks of 26 Oct and 2 Nov: all on Monday 2 and Tuesday 3 Nov
    expect(summary.trend.map(w => [w.week, w.deployments])).toEqual([
      ['2026-10-26', 0],
      ['2026-11-02', 3],
    ]);

    // The parent team includes its child team.
    const team = await service.summary(credentials, {
      teamRef: 'group:default/commerce',
      window,
    });
    expect(team.members).toEqual([
      'group:default/commerce',
      'group:default/checkout',
    ]);
    expect(team.summary.changeFailRate).toEqual(summary.changeFailRate);
    expect(team.summary.leadTimeHours).toEqual(summary.leadTimeHours);

    // The organisation by team: counts exact, percentiles from histograms.
    const org = await service.organisation({ window });
    expect(org.teams.map(t => t.teamRef)).toEqual(['group:default/checkout']);
    const row = org.teams[0].summary;
    expect(row.changeFailRate).toEqual(summary.changeFailRate);
    expect(row.deploymentFrequency).toEqual(summary.deploymentFrequency);
    // two lead times of 1 h fall in the bucket (0.125·√2^5, 0.125·√2^6] = (0.71, 1]
    expect(row.leadTimeHours).toMatchObject({
      status: 'ok',
      approximate: true,
    });
    const median = (row.leadTimeHours as { median: number }).median;
    expect(median).toBeGreaterThan(0.7);
    expect(median).toBeLessThanOrEqual(1);
    expect(org.organisation.deploymentFrequency.deployments).toBe(3);
    // Without team trends (the tech-debt page's question): same numbers.
    const lean = await service.organisation({ window, teamTrends: false });
    expect(lean.teams[0].weekly).toBeUndefined();
    expect(lean.teams[0].summary.changeFailRate).toEqual(
      summary.changeFailRate,
    );
    // A longer window reads whole weeks from week rows and the edges from
    // day rows: the same events, so the same counts. 3 deployments on 2 days
    // in 60 days: 0.05 a day, 2 / 60 × 7 = 0.23 deploy days a week.
    const wide = await service.organisation({
      window: {
        from: '2026-10-01T00:00:00.000Z',
        to: '2026-11-30T00:00:00.000Z',
      },
    });
    expect(wide.teams[0].summary.deploymentFrequency).toEqual({
      deployments: 3,
      perDay: 0.05,
      deployDaysPerWeek: 0.23,
    });
    expect(wide.teams[0].summary.changeFailRate).toEqual(
      summary.changeFailRate,
    );
    // The window touches the weeks of 28 Sep … 23 Nov; the team trend is
    // over the complete ones, 5 Oct … 23 Nov (1 Oct is a Thursday).
    expect(wide.organisation.trend).toHaveLength(9);
    expect(wide.weeks).toHaveLength(8);
    expect(wide.weeks[0]).toBe('2026-10-05');
    expect(wide.teams[0].weekly!.deployments).toHaveLength(8);
    expect(
      seriesTrend(wide.weeks, wide.teams[0].weekly).find(
        w => w.week === '2026-11-02',
      ),
    ).toMatchObject({ days: 7, deployments: 3, changeFailRate: 0.667 });

    // Drill-down: the failed deployments with the changes they shipped.
    const failed = await service.drillDown(credentials, {
      entityRef: 'component:default/checkout-service',
      window,
      only: 'failed',
      limit: 10,
    });
    expect(failed.deployments.map(d => [d.id, d.recoveryHours])).toEqual([
      ['d3', 5],
      ['d1', 1],
    ]);
    expect(
      failed.changes.map(c => [c.id, c.deploymentId, c.leadTimeHours]).sort(),
    ).toEqual([
      ['c1', 'd1', 14],
      ['c2', 'd1', 1],
      ['c3', 'd3', 1],
    ]);
    expect(failed.incidents).toEqual([
      expect.objectContaining({ id: 'i1', deploymentId: 'd3', link: 'window' }),
    ]);
  });

  it('updates an incident when it is resolved, and counts one with no deployment as such', async () => {
    const { service } = await create();
    const credentials = await user;
    await service.ingest([deploy('d1', '02T10:00')]);
    const detected = ev({
      kind: 'incident',
      id: 'i2',
      entity: svc,
      environment: 'production',
      startedAt: at('05T10:00'),
    });
    expect(await service.ingest([detected])).toMatchObject({ accepted: 1 });
    expect(
      await service.ingest([
        ev({
          kind: 'incident',
          id: 'i2',
          entity: svc,
          environment: 'production',
          resolvedAt: at('05T13:00'),
        }),
      ]),
    ).toMatchObject({ accepted: 0, updated: 1 });
    const { incidents } = await service.drillDown(credentials, {
      entityRef: 'component:default/checkout-service',
      window,
      limit: 10,
    });
    expect(incidents).toEqual([
      expect.objectContaining({
        id: 'i2',
        startedAt: '2026-11-05T10:00:00.000Z',
        resolvedAt: '2026-11-05T13:00:00.000Z',
        deploymentId: null,
      }),
    ]);
    const { summary } = await service.summary(credentials, {
      entityRef: 'component:default/checkout-service',
      window,
    });
    expect(summary.coverage.incidentsWithoutDeployment).toBe(1);
    expect(summary.changeFailRate).toMatchObject({ numerator: 0, n: 1 });
  });

  it('rejects events of unknown entities by index and keeps the others', async () => {
    const { service } = await create();
    const result = await service.ingest([
      deploy('d1', '02T10:00'),
      ev({
        kind: 'deployment',
        id: 'x',
        entity: { entityRef: 'component:default/nope' },
        environment: 'production',
        finishedAt: at('02T10:00'),
        status: 'success',
        rollback: false,
      }),
      ev({
        kind: 'change',
        id: 'c9',
        entity: {
          annotation: 'project-slug',
          value: 'basketly/checkout-service',
        },
        mergedAt: at('02T09:00'),
        labels: [],
      }),
    ]);
    expect(result.accepted).toBe(2);
    expect(result.rejected).toEqual([
      expect.objectContaining({ index: 1, id: 'x' }),
    ]);
    expect(result.rejected[0].message).toContain('component:default/nope');
  });

  it('files a full batch of 1,000 events and ships them all', async () => {
    const { service, store } = await create();
    const batch = Array.from({ length: 999 }, (_, i) =>
      change(`bulk-${i}`, '05T08:00', { firstCommitAt: at('05T06:00') }),
    );
    batch.push(deploy('bulk-d', '05T10:00'));
    expect(await service.ingest(batch)).toMatchObject({
      accepted: 1000,
      rejected: [],
    });
    await service.settled();
    const [d] = (await store.existingDeployments(['bulk-d'])).values();
    expect(d.changes).toBe(999);
    const { summary } = await service.summary(await user, {
      entityRef: 'component:default/checkout-service',
      window: {
        from: '2026-11-05T00:00:00.000Z',
        to: '2026-11-06T00:00:00.000Z',
      },
    });
    // Every change waited 4 hours from its first commit.
    expect(summary.leadTimeHours).toMatchObject({ n: 999, median: 4 });
  });
});

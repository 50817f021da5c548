import {
  TestDatabases,
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { createBackendPlugin } from '@backstage/backend-plugin-api';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  NotificationService,
  notificationService,
} from '@backstage/plugin-notifications-node';
import notificationsPlugin from '@backstage/plugin-notifications-backend';
import { Entity } from '@backstage/catalog-model';
import { ConfigReader } from '@backstage/config';
import { OrgSnapshot } from '@teamflow/plugin-teamflow-common';
import request from 'supertest';
import { HistoryStore } from '../history/HistoryStore';
import {
  OrgFlowResponse,
  WeekPoint,
  WeeklySeries,
} from '@teamflow/plugin-delivery-common';
import { AlertService } from './AlertService';
import { debtGrowingTeams, missedDeliveryTargets } from './alertRules';
import { alertSettings } from './alertSettings';

jest.setTimeout(60_000);
const databases = TestDatabases.create();

// Ana is in Order Flow, Ben in Checkout, Ines in the CTO office, Zoe in none.
const members: Record<string, string[]> = {
  'order-flow': ['ana'],
  checkout: ['ben'],
  'cto-office': ['ines'],
};
const entities: Entity[] = [
  ...Object.entries(members).map(([group, users]) => ({
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Group',
    metadata: { name: group, namespace: 'default' },
    spec: { type: 'team', children: [] },
    relations: users.map(u => ({
      type: 'hasMember',
      targetRef: `user:default/${u}`,
    })),
  })),
  ...['ana', 'ben', 'ines', 'zoe'].map(u => ({
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'User',
    metadata: { name: u, namespace: 'default' },
    spec: {},
  })),
];

const ORDER = 'group:default/order-flow';
const CHECKOUT = 'group:default/checkout';
const snapshot = (
  takenOn: string,
  state: { overdue: boolean; checkout: number; search?: boolean },
): OrgSnapshot => ({
  takenOn,
  teams: [
    { ref: ORDER, title: 'Order Flow', type: 'stream-aligned', members: 1 },
    { ref: CHECKOUT, title: 'Checkout', type: 'stream-aligned', members: 1 },
    ...(state.search
      ? [
          {
            ref: 'group:default/search',
            title: 'Search',
            type: 'stream-aligned' as const,
            members: 0,
          },
        ]
      : []),
  ],
  owners: {},
  edges: [
    {
      from: CHECKOUT,
      to: ORDER,
      classification: 'declared-and-observed',
      blocking: false,
      overdue: state.overdue,
    },
  ],
  load: [
    { teamRef: ORDER, score: 30, band: 'high' },
    {
      teamRef: CHECKOUT,
      score: state.checkout,
      band: state.checkout >= 45 ? 'overloaded' : 'high',
    },
  ],
});

// Monday 30 November 2026: the digest's default day.
const NOW = Date.UTC(2026, 10, 30, 9);
const weekAgo = snapshot('2026-11-23', { overdue: false, checkout: 40 });
const yesterday = snapshot('2026-11-29', {
  overdue: false,
  checkout: 44,
  search: true,
});
const today = snapshot('2026-11-30', {
  overdue: true,
  checkout: 50.4,
  search: true,
});

let sender: NotificationService;
const probe = createBackendPlugin({
  pluginId: 'probe',
  register(env) {
    env.registerInit({
      deps: { notifications: notificationService },
      async init({ notifications }) {
        sender = notifications;
      },
    });
  },
});

describe.each(databases.eachSupportedId())('alerts on %s', id => {
  it('tells both teams of an overdue review, a team that became overloaded, and the admins in a weekly digest — once', async () => {
    const { server } = await startTestBackend({
      features: [
        notificationsPlugin,
        probe,
        catalogServiceMock.factory({ entities }),
        mockServices.rootConfig.factory({
          data: { app: { baseUrl: 'http://localhost:3000' } },
        }),
      ],
    });
    const store = await HistoryStore.create(
      mockServices.database({ knex: await databases.init(id) }),
    );
    for (const s of [weekAgo, yesterday, today])
      await store.save(s, NOW, 'scheduled');
    const settings = alertSettings(
      new ConfigReader({
        teamflow: { permission: { admins: ['group:default/cto-office'] } },
      }),
    );
    const inbox = async (user: string) =>
      (
        await request(server)
          .get('/api/notifications/notifications')
          .set(
            'Authorization',
            mockCredentials.user.header(`user:default/${user}`),
          )
      ).body.notifications.map((n: any) => n.payload.title) as string[];

    // The notifications backend is down for a moment: nothing is lost.
    const down = new AlertService(
      store,
      { send: async () => Promise.reject(new Error('503')) },
      settings,
      mockServices.logger.mock(),
      () => NOW,
    );
    expect(await down.afterSnapshot(today)).toEqual([]);

    const alerts = new AlertService(
      store,
      sender,
      settings,
      mockServices.logger.mock(),
      () => NOW,
    );
    expect((await alerts.afterSnapshot(today)).sort()).toEqual([
      'digest:2026-11-30',
      `overloaded:${CHECKOUT}:2026-11-30`,
      `review-overdue:${CHECKOUT}:${ORDER}:2026-11-30`,
    ]);
    expect(await inbox('ana')).toEqual([
      'The interaction of Checkout with Order Flow passed its review date',
    ]);
    expect((await inbox('ben')).sort()).toEqual([
      'Checkout entered overloaded structural load (50.4)',
      'The interaction of Checkout with Order Flow passed its review date',
    ]);
    // Search was created since last Monday; Checkout crossed into
    // overloaded; the review passed — three changes in the week.
    expect(await inbox('ines')).toEqual([
      'Teamflow weekly review: 3 changes since 23 Nov 2026',
    ]);
    expect(await inbox('zoe')).toEqual([]);

    // Today's snapshot is retaken every hour: no alert goes out twice.
    expect(await alerts.afterSnapshot(today)).toEqual([]);
    expect(await inbox('ben')).toHaveLength(2);
  });
});

describe('the weekly digest', () => {
  it('goes out on its weekday only, unless asked for today (the demo)', async () => {
    const store = await HistoryStore.create(
      mockServices.database({ knex: await databases.init('SQLITE_3') }),
    );
    const tuesday = { ...today, takenOn: '2026-12-01' };
    await store.save(weekAgo, NOW, 'scheduled');
    await store.save(tuesday, NOW, 'scheduled');
    const sent: string[] = [];
    const alerts = new AlertService(
      store,
      { send: async o => void sent.push(o.payload.title) },
      alertSettings(
        new ConfigReader({
          teamflow: {
            alerts: { reviewOverdue: false, overloaded: false },
            permission: { admins: ['group:default/cto-office'] },
          },
        }),
      ),
      mockServices.logger.mock(),
      () => NOW + 86_400_000,
    );
    expect(await alerts.afterSnapshot(tuesday)).toEqual([]);
    expect(await alerts.afterSnapshot(tuesday, { digestToday: true })).toEqual([
      'digest:2026-12-01',
    ]);
    expect(sent).toEqual([
      'Teamflow weekly review: 3 changes since 23 Nov 2026',
    ]);
  });
});

// Order Flow's open debt score on weekly snapshots, oldest first.
const withDebt = (takenOn: string, score: number | undefined): OrgSnapshot => {
  const s = snapshot(takenOn, { overdue: false, checkout: 40 });
  s.teams[0].signals =
    score === undefined ? {} : { debt: { open: Math.round(score / 5), score } };
  return s;
};

describe('debt growing for four weeks', () => {
  it('is four rises in a row, a week apart, with the debt known every week', () => {
    const chain = (scores: Array<number | undefined>) =>
      scores.map((score, i) =>
        withDebt(`2026-11-${String(30 - 7 * i).padStart(2, '0')}`, score),
      );
    // Newest first.
    expect(debtGrowingTeams(chain([50, 40, 30, 20, 10]))).toEqual([ORDER]);
    expect(debtGrowingTeams(chain([50, 40, 40, 20, 10]))).toEqual([]);
    expect(debtGrowingTeams(chain([50, 40, 30, 20, undefined]))).toEqual([]);
    // Only three weeks of history: not yet four rises.
    expect(debtGrowingTeams(chain([50, 40, 30, 20]))).toEqual([]);
  });

  it('tells the team once, when the run reaches four weeks', async () => {
    const store = await HistoryStore.create(
      mockServices.database({ knex: await databases.init('SQLITE_3') }),
    );
    // Flat at 10 until 2 Nov, then 12, 15, 20 and 26 today.
    const weeks: Array<[string, number]> = [
      ['2026-10-26', 10],
      ['2026-11-02', 10],
      ['2026-11-09', 12],
      ['2026-11-16', 15],
      ['2026-11-23', 20],
      ['2026-11-30', 26],
    ];
    for (const [day, score] of weeks)
      await store.save(withDebt(day, score), NOW, 'scheduled');
    const sent: Array<{ title: string; to: unknown; link?: string }> = [];
    const make = (now: number) =>
      new AlertService(
        store,
        {
          send: async o =>
            void sent.push({
              title: o.payload.title,
              to: (o.recipients as any).entityRef,
              link: o.payload.link,
            }),
        },
        alertSettings(
          new ConfigReader({
            teamflow: {
              alerts: {
                reviewOverdue: false,
                overloaded: false,
                digest: { enabled: false },
              },
            },
          }),
        ),
        mockServices.logger.mock(),
        () => now,
      );
    const monday = withDebt('2026-11-30', 26);
    expect(await make(NOW).afterSnapshot(monday)).toEqual([
      `debt-growing:${ORDER}:2026-11-30`,
    ]);
    expect(sent).toEqual([
      {
        title: "Order Flow's open debt grew 4 weeks running (score 10 → 26)",
        to: ORDER,
        link: '/catalog/default/group/order-flow/tech-debt',
      },
    ]);
    // Retaken the same day, and the next day still growing: not again.
    expect(await make(NOW).afterSnapshot(monday)).toEqual([]);
    const tomorrow = withDebt('2026-12-01', 27);
    await store.save(tomorrow, NOW + 86_400_000, 'scheduled');
    expect(await make(NOW + 86_400_000).afterSnapshot(tomorrow)).toEqual([]);
    expect(sent).toHaveLength(1);
  });
});

describe('delivery targets missed two complete weeks', () => {
  const week = (
    day: string,
    values: Partial<WeekPoint> & { days?: number },
  ): WeekPoint => ({
    week: day,
    days: 7,
    deployments: 14,
    leadTimeMedianHours: null,
    changeFailRate: null,
    recoveryMedianHours: null,
    reworkRate: null,
    ...values,
  });
  // The answer's complete weeks: 2 to 23 November (this week, in progress,
  // is not among them).
  const weeks = ['2026-11-02', '2026-11-09', '2026-11-16', '2026-11-23'];
  // A team's series over those weeks from its points (other weeks empty).
  const series = (points: WeekPoint[]): WeeklySeries => {
    const at = (w: string) => points.find(p => p.week === w);
    return {
      deployments: weeks.map(w => at(w)?.deployments ?? 0),
      leadTimeMedianHours: weeks.map(w => at(w)?.leadTimeMedianHours ?? null),
      changeFailRate: weeks.map(w => at(w)?.changeFailRate ?? null),
      recoveryMedianHours: weeks.map(w => at(w)?.recoveryMedianHours ?? null),
      reworkRate: weeks.map(w => at(w)?.reworkRate ?? null),
    };
  };
  const org = {
    weeks,
    teams: [
      {
        teamRef: ORDER,
        targets: {
          leadTimeHours: 168,
          changeFailRate: 0.2,
          deploymentsPerDay: 1,
        },
        weekly: series([
          week('2026-11-02', {
            leadTimeMedianHours: 100,
            changeFailRate: 0.1,
          }),
          week('2026-11-09', {
            leadTimeMedianHours: 200,
            changeFailRate: 0.3,
          }),
          week('2026-11-16', { leadTimeMedianHours: 180, deployments: 5 }),
          week('2026-11-23', {
            leadTimeMedianHours: 170,
            changeFailRate: 0.25,
            deployments: 6,
          }),
        ]),
      },
      // No targets: never told.
      {
        teamRef: CHECKOUT,
        weekly: series([
          week('2026-11-16', { leadTimeMedianHours: 900 }),
          week('2026-11-23', { leadTimeMedianHours: 900 }),
        ]),
      },
    ],
  } as unknown as OrgFlowResponse;

  it('a week without enough data ends a run', () => {
    // Lead time: 200, 180, 170 h over 168 h since 9 Nov (3 weeks).
    // Deployments: 5 and 6 in a week, under 1 a day (2 weeks).
    // Change fail rate: 0.25 missed, but the week before had no rate: 1 week.
    expect(missedDeliveryTargets(org)).toEqual([
      {
        teamRef: ORDER,
        metric: 'deployment frequency',
        target: '1 a day',
        weeks: 2,
        since: '2026-11-16',
      },
      {
        teamRef: ORDER,
        metric: 'change lead time',
        target: '168 h',
        weeks: 3,
        since: '2026-11-09',
      },
    ]);
  });

  it('tells the team once per run of missed weeks', async () => {
    const store = await HistoryStore.create(
      mockServices.database({ knex: await databases.init('SQLITE_3') }),
    );
    const sent: string[] = [];
    const alerts = new AlertService(
      store,
      { send: async o => void sent.push(o.payload.title) },
      alertSettings(new ConfigReader({})),
      mockServices.logger.mock(),
      () => NOW,
    );
    expect(
      (await alerts.afterSnapshot(today, { delivery: org })).sort(),
    ).toEqual([
      `delivery-target:${ORDER}:change lead time:2026-11-09`,
      `delivery-target:${ORDER}:deployment frequency:2026-11-16`,
    ]);
    expect(sent.sort()).toEqual([
      'Order Flow missed its change lead time target (168 h) 3 complete weeks running',
      'Order Flow missed its deployment frequency target (1 a day) 2 complete weeks running',
    ]);
    expect(await alerts.afterSnapshot(today, { delivery: org })).toEqual([]);
  });
});

describe('alert settings', () => {
  it('refuses a weekday that is not one, naming the setting', () => {
    expect(() =>
      alertSettings(
        new ConfigReader({
          teamflow: { alerts: { digest: { weekday: 'mon' } } },
        }),
      ),
    ).toThrow(
      /teamflow.alerts.digest.weekday must be one of sunday, .*got 'mon'/,
    );
  });
});

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
import { AlertService, alertSettings } from './AlertService';

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

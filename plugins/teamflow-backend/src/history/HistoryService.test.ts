import {
  TestDatabases,
  mockCredentials,
  mockServices,
} from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { Entity } from '@backstage/catalog-model';
import { diffSnapshots } from '@teamflow/plugin-teamflow-common';
import { TeamGraphService } from '../services/TeamGraphService';
import { HistoryStore } from './HistoryStore';
import { OrgSignals } from '../attention/AttentionService';
import { HistoryService } from './HistoryService';
import { demoHistory } from './demoHistory';

jest.setTimeout(60_000);
const databases = TestDatabases.create();

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
const component = (name: string, owner: string, deps: string[] = []) => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name, namespace: 'default' },
  spec: { type: 'service' },
  relations: [
    { type: 'ownedBy', targetRef: `group:default/${owner}` },
    ...deps.map(d => ({
      type: 'dependsOn',
      targetRef: `component:default/${d}`,
    })),
  ],
});

// Last week: checkout's basket used store-ops' inventory (undeclared).
const lastWeek: Entity[] = [
  team('checkout', 'stream-aligned'),
  team('store-ops', 'stream-aligned'),
  team('legacy', 'complicated-subsystem'),
  component('basket', 'checkout', ['inventory']),
  component('inventory', 'store-ops'),
  component('pricing', 'legacy'),
];
// Today: legacy is gone (pricing moved to store-ops), store-ops is a
// platform team now, and a new team, search, depends on checkout.
const today: Entity[] = [
  team('checkout', 'stream-aligned'),
  team('store-ops', 'platform'),
  team('search', 'stream-aligned'),
  component('basket', 'checkout', ['inventory']),
  component('inventory', 'store-ops'),
  component('pricing', 'store-ops'),
  component('finder', 'search', ['basket']),
];

const DAY = 86_400_000;
const NOW = Date.UTC(2026, 10, 30, 9);

describe.each(databases.eachSupportedId())('organisation history on %s', id => {
  async function history(
    entities: Entity[],
    now: number,
    store: HistoryStore,
    permissions = mockServices.permissions(),
    signals?: () => Promise<OrgSignals>,
  ) {
    const teamGraph = TeamGraphService.create({
      catalog: catalogServiceMock({ entities }),
      auth: mockServices.auth(),
      permissions,
      logger: mockServices.logger.mock(),
    });
    return new HistoryService(
      store,
      teamGraph,
      permissions,
      mockServices.logger.mock(),
      400,
      () => now,
      undefined,
      signals,
    );
  }
  const newStore = async () =>
    HistoryStore.create(
      mockServices.database({ knex: await databases.init(id) }),
    );
  const reader = mockCredentials.user();

  it('draws the map as of a past day and marks what changed since', async () => {
    const store = await newStore();
    await (
      await history(lastWeek, NOW - 7 * DAY, store)
    ).takeSnapshot('scheduled');
    const after = await history(today, NOW, store);
    await after.takeSnapshot('scheduled');
    // Thursday: the snapshot of the Monday before.
    const past = await after.map(reader, {}, { asOf: '2026-11-26' });
    expect(past.asOf).toEqual({
      requested: '2026-11-26',
      snapshotOn: '2026-11-23',
    });
    expect(past.nodes.map(n => [n.ref, n.type, n.owned.component])).toEqual([
      ['group:default/checkout', 'stream-aligned', 1],
      ['group:default/legacy', 'complicated-subsystem', 1],
      ['group:default/store-ops', 'stream-aligned', 1],
    ]);
    expect(
      past.edges.map(e => [e.from, e.to, e.weight, e.classification]),
    ).toEqual([
      [
        'group:default/checkout',
        'group:default/store-ops',
        1,
        'observed-undeclared',
      ],
    ]);

    // Today compared with last week: search and its dependency arrived,
    // legacy left; filters apply as on the live map.
    const now = await after.map(reader, {}, { compareWith: '2026-11-23' });
    expect(now.asOf.snapshotOn).toBe('2026-11-30');
    expect(now.comparison).toEqual({
      with: '2026-11-23',
      addedEdges: ['group:default/search>group:default/checkout'],
      removedEdges: [],
      addedTeams: ['group:default/search'],
      removedTeams: [{ ref: 'group:default/legacy', title: 'legacy' }],
    });
    const platform = await after.map(
      reader,
      { types: ['platform'] },
      { asOf: '2026-11-30' },
    );
    expect(platform.matched).toEqual(['group:default/store-ops']);

    await expect(after.map(reader, {}, { asOf: '2026-11-01' })).rejects.toThrow(
      'No history on or before 2026-11-01: it starts on 2026-11-23',
    );
  });

  it('keeps a snapshot a day and tells what changed between two days', async () => {
    const store = await newStore();
    const before = await history(lastWeek, NOW - 7 * DAY, store);
    expect((await before.takeSnapshot('scheduled'))?.takenOn).toBe(
      '2026-11-23',
    );
    const after = await history(today, NOW, store);
    await after.takeSnapshot('scheduled');
    // A second snapshot the same day replaces the first.
    await after.takeSnapshot('on-demand');
    expect(await after.days()).toEqual([
      { day: '2026-11-23', source: 'scheduled' },
      { day: '2026-11-30', source: 'on-demand' },
    ]);

    const answer = await after.changes(reader, {
      from: '2026-11-23',
      to: '2026-11-30',
    });
    expect(answer).toMatchObject({
      status: 'ok',
      from: { snapshotOn: '2026-11-23' },
      to: { snapshotOn: '2026-11-30' },
    });
    if (answer.status !== 'ok') throw new Error(answer.status);
    expect(answer.changes.map(c => [c.kind, ...c.refs])).toEqual([
      ['team-created', 'group:default/search'],
      ['team-removed', 'group:default/legacy'],
      ['team-retyped', 'group:default/store-ops'],
      [
        'owner-moved',
        'component:default/pricing',
        'group:default/store-ops',
        'group:default/legacy',
      ],
      // finder → basket: search depends on checkout, declared nowhere.
      [
        'undeclared-dependency',
        'group:default/search',
        'group:default/checkout',
      ],
    ]);
    // A day between two snapshots reads the one before it.
    const mid = await after.changes(reader, {
      from: '2026-11-25',
      to: '2026-11-29',
    });
    expect(mid).toMatchObject({
      status: 'ok',
      from: { snapshotOn: '2026-11-23' },
      to: { snapshotOn: '2026-11-23' },
      changes: [],
    });
    // Before the first snapshot there is nothing to compare with.
    expect(
      await after.changes(reader, { from: '2026-11-01', to: '2026-11-30' }),
    ).toEqual({ status: 'not-enough-history', earliest: '2026-11-23' });
  });

  it("keeps each team's debt and delivery in its snapshot and tells their changes", async () => {
    const store = await newStore();
    const debtOf = (open: number, score: number) => async () => ({
      debt: {
        byTeam: [
          { teamRef: 'group:default/checkout', open, score },
          { teamRef: 'unowned', open: 4, score: 12 },
        ],
      },
    });
    await (
      await history(lastWeek, NOW - 7 * DAY, store, undefined, debtOf(1, 10))
    ).takeSnapshot('scheduled');
    const after = await history(today, NOW, store, undefined, debtOf(3, 30));
    await after.takeSnapshot('scheduled');
    const kept = await store.onOrBefore('2026-11-30');
    expect(
      kept!.teams.find(t => t.ref === 'group:default/checkout')!.signals,
    ).toEqual({ debt: { open: 3, score: 30 } });
    expect(
      kept!.teams.find(t => t.ref === 'group:default/search')!.signals,
    ).toBeUndefined();
    const answer = await after.changes(reader, {
      from: '2026-11-23',
      to: '2026-11-30',
    });
    if (answer.status !== 'ok') throw new Error(answer.status);
    expect(answer.changes.filter(c => c.kind === 'debt-change')).toEqual([
      {
        kind: 'debt-change',
        refs: ['group:default/checkout'],
        title: 'checkout',
        from: { open: 1, score: 10 },
        to: { open: 3, score: 30 },
      },
    ]);

    // A plugin that does not answer leaves its signals out, not the snapshot.
    const down = await history(today, NOW + DAY, store, undefined, () =>
      Promise.reject(new Error('tech-debt is down')),
    );
    const next = await down.takeSnapshot('scheduled');
    expect(next?.takenOn).toBe('2026-12-01');
    expect(next!.teams.every(t => t.signals === undefined)).toBe(true);
  });

  it('removes snapshots past the retention', async () => {
    const store = await newStore();
    await (
      await history(today, NOW - 500 * DAY, store)
    ).takeSnapshot('scheduled');
    await (
      await history(today, NOW - 300 * DAY, store)
    ).takeSnapshot('scheduled');
    await (await history(today, NOW, store)).takeSnapshot('scheduled');
    expect((await store.days()).map(d => d.day)).toEqual([
      '2026-02-03',
      '2026-11-30',
    ]);
  });

  it('refuses a reader who may not read the catalog, and snapshots to non-holders', async () => {
    const store = await newStore();
    const denied = await history(today, NOW, store, {
      authorize: async () => [{ result: AuthorizeResult.DENY }],
      authorizeConditional: async () => [{ result: AuthorizeResult.DENY }],
    } as any);
    await denied.takeSnapshot('scheduled');
    await expect(
      denied.changes(reader, { from: '2026-11-29', to: '2026-11-30' }),
    ).rejects.toThrow('You may not read the catalog');
    await expect(denied.takeSnapshotFor(reader)).rejects.toThrow(
      'teamflow.history.snapshot',
    );
  });

  it('seeds the demo with six months of weekly snapshots ending today, once', async () => {
    const store = await newStore();
    const service = await history(today, NOW, store);
    expect(await service.seedDemo(0, 0, 0)).toBe('seeded');
    const days = await service.days();
    expect(days).toHaveLength(27);
    expect(days[0]).toEqual({ day: '2026-06-01', source: 'demo' });
    expect(days[26]).toEqual({ day: '2026-11-30', source: 'scheduled' });
    expect(await service.seedDemo(0)).toBe('done');
    expect(await service.days()).toHaveLength(27);
  });

  it('waits for the demo debt before telling the debt story, but not for ever', async () => {
    const store = await newStore();
    let open = 0;
    const service = await history(today, NOW, store, undefined, async () => ({
      debt: {
        byTeam: [{ teamRef: 'group:default/checkout', open, score: open * 10 }],
      },
    }));
    // The tech-debt demo has not seeded yet: no history, today's snapshot only.
    expect(await service.seedDemo(0, 0)).toBe('waiting');
    expect(await service.days()).toHaveLength(1);
    open = 5;
    expect(await service.seedDemo(0, 1)).toBe('seeded');
    const debtOn = async (day: string) =>
      (await store.onOrBefore(day))!.teams.find(
        t => t.ref === 'group:default/checkout',
      )!.signals?.debt;
    // Growing each of the last four weeks (8 % of today's score and one item a week), flat before.
    expect(await debtOn('2026-11-30')).toEqual({ open: 5, score: 50 });
    expect(await debtOn('2026-11-23')).toEqual({ open: 4, score: 46 });
    expect(await debtOn('2026-11-02')).toEqual({ open: 1, score: 34 });
    expect(await debtOn('2026-10-26')).toEqual({ open: 1, score: 34 });

    // A portal without debt at all is seeded once its wait is over.
    const none = await history(today, NOW, await newStore(), undefined);
    expect(await none.seedDemo(0, 5, 6)).toBe('waiting');
    expect(await none.seedDemo(0, 6, 6)).toBe('seeded');
  });
});

describe('demoHistory', () => {
  it('tells its story week by week, ending at today', async () => {
    const teamGraph = TeamGraphService.create({
      catalog: catalogServiceMock({
        entities: [
          ...today,
          team('coach', 'enabling'),
          component('guide', 'coach'),
        ],
      }),
      auth: mockServices.auth(),
      permissions: mockServices.permissions(),
      logger: mockServices.logger.mock(),
    });
    const store = {
      save: async () => {},
      prune: async () => 0,
    } as unknown as HistoryStore;
    const service = new HistoryService(
      store,
      teamGraph,
      mockServices.permissions(),
      mockServices.logger.mock(),
      400,
      () => NOW,
    );
    const current = (await service.takeSnapshot('scheduled'))!;
    const weeks = demoHistory(current);
    expect(weeks).toHaveLength(26);
    expect(weeks[25].takenOn).toBe('2026-11-23');
    const changesAt = (weeksAgo: number) => {
      const later = weeksAgo === 0 ? current : weeks[26 - weeksAgo];
      return diffSnapshots(weeks[25 - weeksAgo], later).map(c => [
        c.kind,
        ...c.refs,
      ]);
    };
    // Two weeks ago: the two undeclared dependencies appeared.
    expect(changesAt(1)).toEqual([
      [
        'undeclared-dependency',
        'group:default/checkout',
        'group:default/store-ops',
      ],
      [
        'undeclared-dependency',
        'group:default/search',
        'group:default/checkout',
      ],
    ]);
    // Six weeks ago: store-ops (busiest: inventory, pricing) took two
    // components from the team owning fewest (search: finder) — so before,
    // search held them — and checkout, stream-aligned, was retyped.
    expect(changesAt(5)).toEqual([
      ['team-retyped', 'group:default/checkout'],
      [
        'owner-moved',
        'component:default/inventory',
        'group:default/store-ops',
        'group:default/search',
      ],
      [
        'owner-moved',
        'component:default/pricing',
        'group:default/store-ops',
        'group:default/search',
      ],
    ]);
    // Twelve weeks ago: the enabling team was created, taking over guide.
    expect(changesAt(11)).toEqual([
      ['team-created', 'group:default/coach'],
      [
        'owner-moved',
        'component:default/guide',
        'group:default/coach',
        'group:default/store-ops',
      ],
    ]);
    // Quiet weeks in between.
    expect(changesAt(3)).toEqual([]);
  });
});

import { TestDatabases, mockServices } from '@backstage/backend-test-utils';
import { debtScore } from '@teamflow/plugin-tech-debt-common';
import { DatabaseDebtStore } from './DatabaseDebtStore';
import { StoredDebtItem } from './DebtStore';

jest.setTimeout(60_000);
const databases = TestDatabases.create();

const item = (
  id: string,
  over: Partial<StoredDebtItem> = {},
): StoredDebtItem => {
  const i: StoredDebtItem = {
    id,
    entityRef: 'component:default/order-service',
    teamRef: 'group:default/order-flow',
    title: `Item ${id}`,
    category: 'code',
    impact: 3,
    effort: 'M',
    interestHoursPerMonth: 4,
    status: 'open',
    links: [],
    author: 'user:default/ana',
    version: 1,
    createdAt: '2026-07-01T00:00:00.000Z',
    updatedAt: '2026-07-01T00:00:00.000Z',
    score: 0,
    ...over,
  };
  i.score = debtScore(i);
  return i;
};

describe.each(databases.eachSupportedId())(
  'DatabaseDebtStore on %s',
  databaseId => {
    async function createStore() {
      const knex = await databases.init(databaseId);
      return DatabaseDebtStore.create({
        database: mockServices.database({ knex }),
      });
    }

    it('updates only from the version the change started from, keeping a history', async () => {
      const store = await createStore();
      await store.createItem(item('a'));
      const ok = await store.updateItem(
        'a',
        1,
        { status: 'in-progress', impact: 4 },
        {
          changedBy: 'user:default/ben',
          changedAt: '2026-08-01T00:00:00.000Z',
        },
      );
      expect(ok).toMatchObject({
        updated: { version: 2, status: 'in-progress', impact: 4 },
      });
      // A second writer who also started from version 1 loses, and sees version 2.
      const lost = await store.updateItem(
        'a',
        1,
        { title: 'Overwritten?' },
        { changedBy: 'user:default/cy', changedAt: '2026-08-02T00:00:00.000Z' },
      );
      expect(lost).toMatchObject({
        conflict: { version: 2, title: 'Item a', impact: 4 },
      });
      expect((await store.getItem('a'))?.title).toBe('Item a');
      expect(
        await store.updateItem(
          'nope',
          1,
          {},
          { changedBy: 'x', changedAt: 'y' },
        ),
      ).toBeUndefined();

      const history = await store.history('a');
      expect(history.map(h => [h.version, h.changedBy])).toEqual([
        [1, 'user:default/ana'],
        [2, 'user:default/ben'],
      ]);
      expect(history[1].changes).toEqual({
        impact: [3, 4],
        status: ['open', 'in-progress'],
      });
      expect(history[0].changes.title).toEqual([null, 'Item a']);
    });

    it('aggregates by team, category and status, and orders by score', async () => {
      const store = await createStore();
      // scores: a (3, 4h, M): (30 + 10) / √5 = 17.9; b (5, 0h, S): 50 / √2 = 35.4
      await store.createItem(item('a'));
      await store.createItem(
        item('b', {
          impact: 5,
          interestHoursPerMonth: 0,
          effort: 'S',
          category: 'test',
        }),
      );
      await store.createItem(
        item('c', {
          status: 'resolved',
          resolvedAt: '2026-09-15T00:00:00.000Z',
          teamRef: 'group:default/checkout',
          entityRef: 'component:default/checkout-service',
        }),
      );
      const rows = (await store.aggregate({})).sort((x, y) =>
        `${x.teamRef}${x.category}`.localeCompare(`${y.teamRef}${y.category}`),
      );
      expect(
        rows.map(r => [
          r.teamRef,
          r.category,
          r.status,
          r.items,
          Math.round(r.score * 10) / 10,
        ]),
      ).toEqual([
        ['group:default/checkout', 'code', 'resolved', 1, 17.9],
        ['group:default/order-flow', 'code', 'open', 1, 17.9],
        ['group:default/order-flow', 'test', 'open', 1, 35.4],
      ]);
      expect(
        (await store.listItems({ orderByScore: true, statuses: ['open'] })).map(
          i => i.id,
        ),
      ).toEqual(['b', 'a']);
      expect(await store.resolvedByMonth({})).toEqual([
        { month: '2026-09', items: 1 },
      ]);
      expect(
        await store.createdByMonth({ teamRef: 'group:default/order-flow' }),
      ).toEqual([{ month: '2026-07', items: 2 }]);
      // The catalog moved checkout-service to another team.
      await store.setTeams(
        new Map([
          ['component:default/checkout-service', 'group:default/payments'],
          ['component:default/order-service', 'group:default/order-flow'],
        ]),
      );
      expect((await store.getItem('c'))?.teamRef).toBe(
        'group:default/payments',
      );
    });

    it("replaces a source's signals and keeps snapshots per day", async () => {
      const store = await createStore();
      const signal = (id: string, source: string) => ({
        id,
        entityRef: 'component:default/order-service',
        source,
        kind: 'k',
        title: id,
        details: { n: 1 },
        measuredAt: '2026-11-21T00:00:00.000Z',
      });
      await store.replaceSignals('sonarqube', [
        signal('s1', 'sonarqube'),
        signal('s2', 'sonarqube'),
      ]);
      await store.replaceSignals('catalog', [signal('c1', 'catalog')]);
      await store.replaceSignals('sonarqube', [signal('s3', 'sonarqube')]);
      expect((await store.listSignals()).map(s => s.id).sort()).toEqual([
        'c1',
        's3',
      ]);

      const row = {
        teamRef: 'group:default/a',
        category: 'code',
        openItems: 2,
        openScore: 30,
      };
      await store.saveSnapshot('2026-11-20', [
        { takenOn: '2026-11-20', ...row },
      ]);
      await store.saveSnapshot('2026-11-21', [
        { takenOn: '2026-11-21', ...row },
      ]);
      await store.saveSnapshot('2026-11-21', [
        { takenOn: '2026-11-21', ...row, openItems: 3 },
      ]);
      expect(
        (await store.listSnapshots({ since: '2026-11-21' })).map(
          s => s.openItems,
        ),
      ).toEqual([3]);
    });
  },
);

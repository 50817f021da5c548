import { TestDatabases } from '@backstage/backend-test-utils';
import { insertFromRows, withRows } from './rows';

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

describe.each(databases.eachSupportedId())('withRows on %s', dbId => {
  it('inserts, merges, joins and updates with the rows given, typed as the table', async () => {
    const db = await databases.init(dbId);
    await db.schema.createTable('counts', table => {
      table.string('name', 100).primary();
      table.integer('n').notNullable();
      table.double('share').notNullable();
      table.boolean('seen').notNullable();
      table.text('note').nullable();
    });
    const v = {
      table: 'counts',
      columns: ['name', 'n', 'share', 'seen', 'note'],
    };
    // 5,000 rows: on SQLite several VALUES chunks (1,600 rows each).
    const rows = Array.from({ length: 5000 }, (_, i) => ({
      name: `row-${i}`,
      n: i,
      share: i / 4,
      seen: i % 2 === 0,
      note: i % 3 === 0 ? null : `it's "row" ${i}`,
    }));
    const inserted = await withRows<{ name: string }>(
      db,
      rows,
      v,
      `${insertFromRows(v)}
       on conflict (name) do nothing returning name`,
    );
    expect(inserted).toHaveLength(5000);

    // Again, with two rows new and the others counted up by their n.
    const again = await withRows<{ name: string; n: number }>(
      db,
      [
        ...rows.slice(0, 3),
        { name: 'new-a', n: 7, share: 0.5, seen: true, note: null },
        { name: 'new-b', n: 8, share: 1.5, seen: false, note: 'b' },
      ],
      v,
      `${insertFromRows(v)}
       on conflict (name) do update set n = counts.n + excluded.n
       returning name, n`,
    );
    expect(
      again.map(r => [r.name, Number(r.n)]).sort((a, b) => (a < b ? -1 : 1)),
    ).toEqual([
      ['new-a', 7],
      ['new-b', 8],
      ['row-0', 0],
      ['row-1', 2],
      ['row-2', 4],
    ]);

    // A join on the rows, and an update with a value of the statement's own.
    const found = await withRows<{ name: string; note: string | null }>(
      db,
      [{ name: 'row-3' }, { name: 'row-4' }, { name: 'missing' }],
      { table: 'counts', columns: ['name'] },
      'select t.name, t.note from counts t join v on t.name = v.name order by t.name',
    );
    expect(found).toEqual([
      { name: 'row-3', note: null },
      { name: 'row-4', note: `it's "row" 4` },
    ]);
    await withRows(
      db,
      [{ name: 'row-1' }, { name: 'row-4' }],
      { table: 'counts', columns: ['name'] },
      'update counts set seen = ? where name in (select name from v)',
      [true],
    );
    const seen = await db('counts')
      .whereIn('name', ['row-1', 'row-3', 'row-4'])
      .orderBy('name')
      .select('name', 'seen', 'share');
    expect(seen.map(r => [r.name, Boolean(r.seen), Number(r.share)])).toEqual([
      ['row-1', true, 0.25],
      ['row-3', false, 0.75],
      ['row-4', true, 1],
    ]);
    expect(await withRows(db, [], v, 'select 1')).toEqual([]);
  });
});

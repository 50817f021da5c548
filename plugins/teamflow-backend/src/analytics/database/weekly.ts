import { Knex } from 'knex';
import { addWeeks, weekOf } from '@teamflow/plugin-teamflow-common';
import { COUNTERS, chunks, dayOf } from './rows';

/*
 * Weeks rolled up. Every view sums whole weeks of the daily aggregates; a
 * persona's 13 weeks were ~26,000 day rows for PostgreSQL to find and sum
 * on each request. A week that ended is summed once into analytics_weekly
 * (rollWeeks, scheduled), and views read it from there while it is fresh:
 *
 * - Fresh means rolled up at least once (analytics_weekly_done) and no
 *   stale note since (analytics_weekly_stale). The ingest notes every week
 *   before its current one that it writes, in the transaction that writes
 *   it: a view that sees the counts sees the note and sums that week from
 *   the day rows instead. Views check both in one statement, one snapshot.
 * - Rolling up takes the week's stale notes visible when it starts, sums
 *   its day rows after that, and deletes exactly the notes it took, in one
 *   transaction: a write committed later keeps its own note, so the week
 *   stays stale until the next roll-up. Inserts only on the notes: no row
 *   two concurrent ingests wait on each other for, and no lock.
 * - The week in progress is never rolled up, so live traffic writes no
 *   note. A week is rolled up once it ended an hour ago: an ingest whose
 *   clock is up to an hour behind still notes its writes to it.
 */

/** The weeks of `rows` before `currentWeek`: those an ingest notes stale. */
export function pastWeeks(rows: Array<{ week: string }>, currentWeek: string) {
  const past = new Set<string>();
  for (const r of rows) if (r.week < currentWeek) past.add(r.week);
  return [...past];
}

/** Notes each of `weeks` stale, once (SQLite's ingest, and the demo's rows). */
export async function noteStale(db: Knex, weeks: string[]) {
  for (const part of chunks(db, [...new Set(weeks)]))
    await db('analytics_weekly_stale').insert(part.map(week => ({ week })));
}

/**
 * Rolls up the weeks that ended at least an hour before `now` and are
 * stale or were never rolled up, in one pass over the day rows. Returns
 * the weeks rolled up.
 */
export async function rollWeeks(db: Knex, now: number): Promise<string[]> {
  const last = addWeeks(weekOf(dayOf(now - 3_600_000)), -1);
  const stale: string[] = (
    await db('analytics_weekly_stale')
      .distinct('week')
      .where('week', '<=', last)
  ).map((r: { week: string }) => r.week);
  const done = await db('analytics_weekly_done').max('week as week').first();
  const never: string[] = [];
  if (!done?.week) {
    // Never rolled up (a new installation, or one from before roll-ups).
    for (const r of await db('analytics_daily')
      .distinct('week')
      .where('week', '<=', last))
      never.push(r.week);
  } else
    for (let w = addWeeks(done.week, 1); w <= last; w = addWeeks(w, 1))
      never.push(w);
  const weeks = [...new Set([...stale, ...never])].sort();
  if (weeks.length === 0) return [];
  await db.transaction(async tx => {
    // The notes this roll-up accounts for: visible now, so committed
    // before the sums below start reading.
    const notes: number[] = (
      await tx('analytics_weekly_stale').select('id').whereIn('week', weeks)
    ).map((r: { id: number | string }) => Number(r.id));
    await tx('analytics_weekly').whereIn('week', weeks).delete();
    await tx.raw(
      `insert into analytics_weekly (feature, persona, week, ${COUNTERS.join(
        ', ',
      )})
       select feature, persona, week, ${COUNTERS.map(c => `sum(${c})`).join(
         ', ',
       )}
       from analytics_daily where week in (${weeks.map(() => '?').join(', ')})
       group by feature, persona, week
       -- A persona's weeks side by side on few pages, for its views.
       order by persona, week, feature`,
      weeks,
    );
    for (const part of chunks(tx, notes))
      await tx('analytics_weekly_stale').whereIn('id', part).delete();
    await tx('analytics_weekly_done')
      .insert(weeks.map(week => ({ week, rolled_at: now })))
      .onConflict('week')
      .merge(['rolled_at']);
  });
  return weeks;
}

/**
 * The sums per feature × persona × week as SQL (`?` bindings returned):
 * fresh weeks from their roll-up, the others summed from the day rows.
 */
export function weekSumsSql(
  pg: boolean,
  query: {
    fromWeek: string;
    toWeek: string;
    persona?: string;
    feature?: string;
    features?: string[];
  },
): {
  cte: string;
  select: string;
  cteBindings: string[];
  selectBindings: string[];
} {
  const filters: string[] = [];
  const values: string[] = [];
  if (query.persona) {
    filters.push('persona = ?');
    values.push(query.persona);
  }
  if (query.feature) {
    filters.push('feature = ?');
    values.push(query.feature);
  }
  if (query.features) {
    filters.push(
      query.features.length
        ? `feature in (${query.features.map(() => '?').join(', ')})`
        : '1 = 0',
    );
    values.push(...query.features);
  }
  const and = filters.map(f => ` and ${f}`).join('');
  // The window's Mondays, so that each half reads only its own weeks: one
  // index range of the persona or feature per week.
  const span: string[] = [];
  for (let w = query.fromWeek; w <= query.toWeek; w = addWeeks(w, 1))
    span.push(w);
  const cte = `span(week) as (values ${span.map(() => '(?)').join(', ')}),
      fresh as (select s.week from span s
        where exists (select 1 from analytics_weekly_done d where d.week = s.week)
          and not exists (
            select 1 from analytics_weekly_stale t where t.week = s.week)),
      summed as (select week from span except select week from fresh)`;
  const sums = COUNTERS.map(c => `sum(d.${c}) as ${c}`).join(', ');
  if (pg && filters.length)
    // Week by week (`offset 0` keeps each a subquery): as a join, the
    // planner, which cannot know how few weeks are summed from their days,
    // read a persona's whole year of day rows to hash them.
    return {
      cte,
      select: `select w.feature, w.persona, w.week, ${COUNTERS.map(
        c => `w.${c}`,
      ).join(', ')}
      from fresh f cross join lateral (select * from analytics_weekly
        where week = f.week${and} offset 0) w
      union all
      select d.feature, d.persona, d.week, ${sums}
      from summed s cross join lateral (select * from analytics_daily
        where week = s.week${and} offset 0) d
      group by d.feature, d.persona, d.week`,
      cteBindings: span,
      selectBindings: [...values, ...values],
    };
  // SQLite probes the index per week of an IN list. Every persona's weeks
  // (the CTO overview) have no index to probe: the day rows are read in one
  // pass, and not at all where no week is summed from its days (the
  // uncorrelated EXISTS is checked once, before any row).
  return {
    cte,
    select: `select feature, persona, week, ${COUNTERS.join(', ')}
      from analytics_weekly
      where week in (select week from fresh)${and}
      union all
      select d.feature, d.persona, d.week, ${sums}
      from analytics_daily d
      where exists (select 1 from summed)
        and week in (select week from summed)${and}
      group by d.feature, d.persona, d.week`,
    cteBindings: span,
    selectBindings: [...values, ...values],
  };
}

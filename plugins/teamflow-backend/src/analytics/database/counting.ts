import { Knex } from 'knex';
import { UNASSIGNED_PERSONA, weekOf } from '@teamflow/plugin-teamflow-common';
import { insertFromRows, withRows } from '@teamflow/plugin-teamflow-node';
import { AnalyticsMessage } from '../segment';
import {
  AnalyticsModel,
  COUNTERS,
  DAILY,
  DailyCounts,
  USERS,
  dayOf,
} from './rows';
import { Learned, StoredUses } from './StoredUses';
import { countFirstUses, countUserWeeks } from './uses';
import { noteStale, pastWeeks } from './weekly';

/*
 * Counting a batch of calls into the feature × persona × day aggregates, in
 * the ingest's transaction: users and their personas, first uses, user-weeks
 * and the daily counters (first uses and user-weeks in ./uses).
 */

/** The prepared statement a hot statement runs as on PostgreSQL, or none. */
export type StatementName = (statement: string) => string | undefined;

/**
 * Advisory lock keys of feature × user pairs (`feature\0user`), unique and
 * sorted: a 53-bit FNV-1a hash, worked out here so the statement carries
 * numbers rather than the pairs. Two pairs sharing a key only wait for each
 * other.
 */
function lockKeys(pairs: Iterable<string>): number[] {
  const keys = new Set<number>();
  for (const pair of pairs) {
    let a = 0x811c9dc5;
    let b = 0x01000193;
    for (let i = 0; i < pair.length; i++) {
      const c = pair.charCodeAt(i);
      a = Math.imul(a ^ c, 0x01000193);
      b = Math.imul(b ^ c, 0x5bd1e995);
    }
    keys.add((a >>> 0) * 0x200000 + ((b >>> 0) & 0x1fffff));
  }
  return [...keys].sort((x, y) => x - y);
}

/**
 * Counts `messages` into the aggregates. Returns the track events no
 * feature declares, each with its user's persona at that moment.
 */
export async function countBatch(
  tx: Knex.Transaction,
  messages: AnalyticsMessage[],
  model: AnalyticsModel,
  stored: StoredUses,
  learned: Learned,
  as: StatementName,
  currentWeek: string,
): Promise<Array<{ messageId: string; persona: string }>> {
  const waiting: Array<{ messageId: string; persona: string }> = [];
  if (messages.length === 0) return waiting;
  // Users: stored traits merged with the batch's, in time order.
  const hashes = [...new Set(messages.map(m => m.userHash))];
  const users = new Map<
    string,
    { traits: Record<string, unknown>; persona: string; changed: boolean }
  >();
  const known = await withRows(
    tx,
    hashes.map(user_hash => ({ user_hash })),
    { table: 'analytics_users', columns: ['user_hash'] },
    tx.client.config.client === 'pg'
      ? // Looked up one by one in the index (see LOOKUP).
        `select t.user_hash, t.traits, t.persona from v cross join lateral (
           select * from analytics_users t where t.user_hash = v.user_hash limit 1) t`
      : `select t.user_hash, t.traits, t.persona
         from analytics_users t join v on t.user_hash = v.user_hash`,
    [],
    as('users'),
  );
  for (const r of known)
    users.set(r.user_hash, {
      traits: JSON.parse(r.traits),
      persona: r.persona,
      changed: false,
    });
  const increments = new Map<string, DailyCounts>();
  const rowOf = (feature: string, persona: string, day: string) => {
    const key = `${feature}\u0000${persona}\u0000${day}`;
    let row = increments.get(key);
    if (!row) {
      row = {
        feature,
        persona,
        day,
        events: 0,
        week_users: 0,
        returning_users: 0,
        new_users: 0,
        successes: 0,
        failures: 0,
        score_sum: 0,
        scores: 0,
      };
      increments.set(key, row);
    }
    return row;
  };
  const bump = (
    feature: string,
    persona: string,
    day: string,
    counter: (typeof COUNTERS)[number],
    by: number,
  ) => {
    rowOf(feature, persona, day)[counter] += by;
  };
  // Per feature × user: the earliest day; per feature × week × user: the
  // earliest day of that week; each with the persona of that use.
  const firstUse = new Map<string, { day: string; persona: string }>();
  const weekUse = new Map<
    string,
    { day: string; persona: string; pair: string }
  >();
  for (const m of messages) {
    let user = users.get(m.userHash);
    if (m.traits) {
      const traits = { ...(user?.traits ?? {}), ...m.traits };
      user = {
        traits,
        persona: model.personaOf(traits) ?? UNASSIGNED_PERSONA,
        changed: true,
      };
      users.set(m.userHash, user);
    }
    if (m.type !== 'track' || !m.event) continue;
    const persona = m.persona ?? user?.persona ?? UNASSIGNED_PERSONA;
    const day = dayOf(m.timestamp);
    const hits = model.match(m.event);
    if (hits.length === 0) waiting.push({ messageId: m.messageId, persona });
    for (const hit of hits) {
      const row = rowOf(hit.feature, persona, day);
      row.events += 1;
      if (hit.success) row.successes += 1;
      if (hit.failure) row.failures += 1;
      if (hit.scoreProperty) {
        const score = Number(m.properties?.[hit.scoreProperty]);
        if (
          m.properties?.[hit.scoreProperty] !== '' &&
          Number.isFinite(score)
        ) {
          row.score_sum += score;
          row.scores += 1;
        }
      }
      const fu = `${hit.feature}\u0000${m.userHash}`;
      const prior = firstUse.get(fu);
      if (!prior || day < prior.day) firstUse.set(fu, { day, persona });
      const wu = `${hit.feature}\u0000${weekOf(day)}\u0000${m.userHash}`;
      const priorWeek = weekUse.get(wu);
      if (!priorWeek || day < priorWeek.day)
        weekUse.set(wu, { day, persona, pair: fu });
    }
  }
  // Uses known to change nothing stored are left out (see StoredUses); the
  // rest are learned once the transaction commits.
  for (const [pair, use] of firstUse) {
    const storedBy = stored.firstDayOf(pair);
    if (storedBy !== undefined && storedBy <= use.day) firstUse.delete(pair);
    else learned.firstDays.push([pair, use.day]);
  }
  const pairs = new Set(firstUse.keys());
  for (const [week, use] of weekUse) {
    if (stored.hasWeek(week)) {
      weekUse.delete(week);
      continue;
    }
    learned.weeks.push(week);
    pairs.add(use.pair);
  }
  // Sorted, so concurrent batches take the users' row locks in one order.
  const changedUsers = [...users]
    .filter(([, u]) => u.changed)
    .sort(([a], [b]) => (a < b ? -1 : 1));
  await withRows(
    tx,
    changedUsers.map(([hash, u]) => ({
      user_hash: hash,
      traits: JSON.stringify(u.traits),
      persona: u.persona,
      updated_at: Date.now(),
    })),
    USERS,
    `${insertFromRows(USERS)}
     on conflict (user_hash) do update set traits = excluded.traits,
       persona = excluded.persona, updated_at = excluded.updated_at`,
    [],
    as('traits'),
  );

  // On PostgreSQL a batch holds a lock per feature × user it counts, taken
  // in one order (no deadlock), until it commits: two batches counting the
  // same user's use of a feature take turns, and the second reads what the
  // first wrote. Without it, two batches adding neighbouring weeks of one
  // user would each miss the other's uncommitted week, and the later week's
  // user would never count as returning. SQLite has one writer at a time.
  if (tx.client.config.client === 'pg') {
    const locks = tx.raw(
      `select count(pg_advisory_xact_lock(k::bigint)) from (
         select k from json_array_elements_text(?::json)
           with ordinality as x(k, i) order by i) ordered`,
      [JSON.stringify(lockKeys(pairs))],
    );
    const name = as('locks');
    await (name ? locks.options({ name }) : locks);
  }
  await countFirstUses(tx, firstUse, bump, as);
  await countUserWeeks(tx, weekUse, bump, as);

  // Sorted, so concurrent batches take row locks in one order.
  // (The keys are feature, persona and day joined by NUL, which sorts
  // before any character: key order is tuple order.)
  const rows = [...increments]
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([, row]) => row);
  // Each past week written is noted stale in the same statement (on
  // SQLite, transaction), so a view never reads its roll-up without these
  // counts (see ./weekly). The weeks go as their own value: a second
  // reference to the rows would have PostgreSQL copy them all first.
  const pg = tx.client.config.client === 'pg';
  const withWeeks = rows.map(r => ({ ...r, week: weekOf(r.day) }));
  const past = pastWeeks(withWeeks, currentWeek);
  await withRows(
    tx,
    withWeeks,
    DAILY,
    `${
      pg
        ? `, stale as (insert into analytics_weekly_stale (week)
             select json_array_elements_text(?::json)) `
        : ''
    }${insertFromRows(DAILY)}
     on conflict (feature, persona, day) do update set ${COUNTERS.map(
       c => `${c} = analytics_daily.${c} + excluded.${c}`,
     ).join(', ')}`,
    pg ? [JSON.stringify(past)] : [],
    as('daily'),
  );
  if (!pg) await noteStale(tx, past);
  return waiting;
}

import {
  DatabaseService,
  resolvePackagePath,
} from '@backstage/backend-plugin-api';
import { Knex } from 'knex';
import {
  FeatureHit,
  UNASSIGNED_PERSONA,
  addWeeks,
  weekOf,
} from '@teamflow/plugin-teamflow-common';
import { AnalyticsMessage } from './segment';
import { insertFromRows, withRows } from '@teamflow/plugin-teamflow-node';

const migrationsDir = resolvePackagePath(
  '@teamflow/plugin-teamflow-backend',
  'migrations',
);

/*
 * LOOKUP. On PostgreSQL a batch's rows look up stored rows through a LATERAL
 * subquery on the primary key (see withRows): written as joins, every batch
 * read all of analytics_users (20,000 rows, 6.7 ms against 3.9 ms by the
 * index), and the cost grew with the history. By the index it grows with the
 * batch, not with the tables.
 */

/**
 * Rows per statement. PostgreSQL: a Segment batch (≤ 500 KB, rarely over
 * 1,000 calls) in one statement per step, at most 12,000 bound values of
 * its 65,535. SQLite: knex writes a multi-row insert as a compound SELECT,
 * and SQLite allows at most 500 terms in one.
 */
const chunkSize = (db: Knex) => (db.client.config.client === 'pg' ? 1000 : 450);

/** The UTC day of a time, as YYYY-MM-DD (remembered: a batch's calls share few days). */
const days = new Map<number, string>();
function dayOf(t: number): string {
  const n = Math.floor(t / 86_400_000);
  let day = days.get(n);
  if (day === undefined) {
    if (days.size >= 10_000) days.clear();
    day = new Date(n * 86_400_000).toISOString().slice(0, 10);
    days.set(n, day);
  }
  return day;
}

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

/** What a batch stored, for the store to remember once it commits. */
type Learned = { firstDays: Array<[string, string]>; weeks: string[] };

/** What the ingest needs from the catalog: persona rules and feature events. */
export type AnalyticsModel = {
  personaOf(traits: Record<string, unknown>): string | undefined;
  match(event: string): FeatureHit[];
};

/** The sums of one feature × persona × week. */
export type WeekRow = {
  feature: string;
  persona: string;
  week: string;
  events: number;
  weekUsers: number;
  returningUsers: number;
  newUsers: number;
  successes: number;
  failures: number;
  scoreSum: number;
  scores: number;
};

/** One feature × persona × day's counters (what ingest adds, and the demo writes). */
export type DailyCounts = {
  feature: string;
  persona: string;
  day: string;
  events: number;
  week_users: number;
  returning_users: number;
  new_users: number;
  successes: number;
  failures: number;
  score_sum: number;
  scores: number;
};

const COUNTERS = [
  'events',
  'week_users',
  'returning_users',
  'new_users',
  'successes',
  'failures',
  'score_sum',
  'scores',
] as const;

function chunks<T>(db: Knex, rows: T[]) {
  const size = chunkSize(db);
  const out: T[][] = [];
  for (let i = 0; i < rows.length; i += size) out.push(rows.slice(i, i + size));
  return out;
}

const EVENTS = {
  table: 'analytics_events',
  columns: [
    'source',
    'message_id',
    'type',
    'user_hash',
    'event',
    'timestamp',
    'received_at',
    'matched',
  ],
};
const USERS = {
  table: 'analytics_users',
  columns: ['user_hash', 'traits', 'persona', 'updated_at'],
};
const FEATURE_USERS = {
  table: 'analytics_feature_users',
  columns: ['feature', 'user_hash', 'first_day', 'persona'],
};
const USER_WEEKS = {
  table: 'analytics_user_weeks',
  columns: ['feature', 'week', 'user_hash', 'first_day', 'persona'],
};
const DAILY = {
  table: 'analytics_daily',
  columns: ['feature', 'persona', 'day', 'week', ...COUNTERS],
};

/**
 * Product analytics storage: raw events (idempotency and the retention
 * window), users as keyed hashes with the traits persona rules read, and
 * the feature × persona × day aggregates. One ingest is one transaction, so
 * a crash leaves a batch either counted or not stored (and a retry counts
 * it); counters are only ever incremented in the database, so concurrent
 * batches lose nothing.
 */
export class AnalyticsStore {
  /**
   * What this process knows is stored, to leave out of a batch's statements
   * the uses that would change nothing (most of live traffic: the same users
   * back on the same features). Per feature × user (`feature\0user`): a day
   * on or after its stored first use. A first use only ever moves earlier and
   * is never deleted, so the day stays an upper bound whatever other
   * replicas do, and a use on or after it is not a first use. Per feature ×
   * week × user: that the user-week is stored; a stored week is never
   * changed by a later use. Learned only from committed transactions;
   * bounded (forgotten all at once when full, which only costs statements).
   */
  private readonly firstDays = new Map<string, string>();
  private readonly storedWeeks = new Set<string>();
  private static readonly REMEMBERED = 200_000;

  private constructor(
    private readonly db: Knex,
    private readonly prepared: boolean,
  ) {}

  /**
   * The prepared statement a hot statement runs as on PostgreSQL (see
   * `preparedStatements` in the README), or none.
   */
  private as(statement: string) {
    return this.prepared ? `teamflow-analytics-${statement}` : undefined;
  }

  private remember(learned: Learned) {
    if (
      this.firstDays.size + learned.firstDays.length >
      AnalyticsStore.REMEMBERED
    )
      this.firstDays.clear();
    for (const [pair, day] of learned.firstDays) {
      const known = this.firstDays.get(pair);
      if (known === undefined || day < known) this.firstDays.set(pair, day);
    }
    if (
      this.storedWeeks.size + learned.weeks.length >
      AnalyticsStore.REMEMBERED
    )
      this.storedWeeks.clear();
    for (const week of learned.weeks) this.storedWeeks.add(week);
  }

  static async create(
    database: DatabaseService,
    options: { preparedStatements?: boolean } = {},
  ) {
    const db = await database.getClient();
    if (!database.migrations?.skip)
      await db.migrate.latest({ directory: migrationsDir });
    return new AnalyticsStore(
      db,
      options.preparedStatements !== false && db.client.config.client === 'pg',
    );
  }

  async ingest(
    source: string,
    messages: AnalyticsMessage[],
    model: AnalyticsModel,
    receivedAt: number,
  ): Promise<{ accepted: number; duplicates: number }> {
    if (messages.length === 0) return { accepted: 0, duplicates: 0 };
    // Identify before the events that follow it, whatever the batch order.
    const ordered = [...messages].sort(
      (a, b) => a.timestamp - b.timestamp || a.index - b.index,
    );
    const learned: Learned = { firstDays: [], weeks: [] };
    const result = await this.db.transaction(async tx => {
      // The first of several copies of a messageId in one batch counts.
      const seen = new Set<string>();
      const unique = ordered.filter(m =>
        seen.has(m.messageId) ? false : (seen.add(m.messageId), true),
      );
      const inserted = await withRows<{ message_id: string }>(
        tx,
        unique.map(m => ({
          source,
          message_id: m.messageId,
          type: m.type,
          user_hash: m.userHash,
          event: m.event ?? null,
          timestamp: m.timestamp,
          received_at: receivedAt,
          // A track event no Feature declares yet waits to be counted.
          matched: !(
            m.type === 'track' &&
            m.event &&
            model.match(m.event).length === 0
          ),
        })),
        EVENTS,
        `${insertFromRows(EVENTS)}
         on conflict (source, message_id) do nothing returning message_id`,
        [],
        this.as('events'),
      );
      const fresh = new Set(inserted.map(r => r.message_id));
      const todo = unique.filter(m => fresh.has(m.messageId));
      const waiting = await this.judge(tx, todo, model, learned);
      // The persona each waiting event's user has now, to count it with later.
      await withRows(
        tx,
        waiting.map(w => ({ message_id: w.messageId, persona: w.persona })),
        { table: 'analytics_events', columns: ['message_id', 'persona'] },
        `update analytics_events set persona = v.persona from v
         where analytics_events.source = ? and analytics_events.message_id = v.message_id`,
        [source],
        this.as('waiting'),
      );
      return {
        accepted: todo.length,
        duplicates: messages.length - todo.length,
      };
    });
    this.remember(learned);
    return result;
  }

  /**
   * Counts `messages` into the aggregates. Returns the track events no
   * feature declares, each with its user's persona at that moment.
   */
  private async judge(
    tx: Knex.Transaction,
    messages: AnalyticsMessage[],
    model: AnalyticsModel,
    learned: Learned,
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
      this.as('users'),
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
    // Uses known to change nothing stored are left out (see firstDays); the
    // rest are learned once the transaction commits.
    for (const [pair, use] of firstUse) {
      const storedBy = this.firstDays.get(pair);
      if (storedBy !== undefined && storedBy <= use.day) firstUse.delete(pair);
      else learned.firstDays.push([pair, use.day]);
    }
    const pairs = new Set(firstUse.keys());
    for (const [week, use] of weekUse) {
      if (this.storedWeeks.has(week)) {
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
      this.as('traits'),
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
      const name = this.as('locks');
      await (name ? locks.options({ name }) : locks);
    }
    await this.adoption(tx, firstUse, bump);
    await this.weeks(tx, weekUse, bump);

    // Sorted, so concurrent batches take row locks in one order.
    // (The keys are feature, persona and day joined by NUL, which sorts
    // before any character: key order is tuple order.)
    const rows = [...increments]
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .map(([, row]) => row);
    await withRows(
      tx,
      rows.map(r => ({ ...r, week: weekOf(r.day) })),
      DAILY,
      `${insertFromRows(DAILY)}
       on conflict (feature, persona, day) do update set ${COUNTERS.map(
         c => `${c} = analytics_daily.${c} + excluded.${c}`,
       ).join(', ')}`,
      [],
      this.as('daily'),
    );
    return waiting;
  }

  /**
   * Counts the stored events that no feature declared when they arrived and
   * that `model` now matches (a Feature added to the catalog after its events
   * started coming), each with the persona its user had then. Exactly once:
   * each page of events is marked matched in the transaction that counts it,
   * and a replica that lost the race finds them marked. Event properties are
   * not stored, so a late event adds no happiness score. Returns how many
   * events were counted.
   */
  async countWaiting(model: AnalyticsModel, page = 5_000): Promise<number> {
    const names: string[] = (
      await this.db('analytics_events')
        .distinct('event')
        // As the partial index states it, for the planner to use it.
        .whereRaw('matched = false')
        .where({ type: 'track' })
        .whereNotNull('event')
    ).map((r: { event: string }) => r.event);
    const now = names.filter(n => model.match(n).length > 0);
    let counted = 0;
    for (const part of chunks(this.db, now)) {
      for (;;) {
        const learned: Learned = { firstDays: [], weeks: [] };
        const done = await this.db.transaction(async tx => {
          const rows: Array<{
            source: string;
            message_id: string;
            user_hash: string;
            event: string;
            timestamp: number;
            persona: string | null;
          }> = await tx('analytics_events')
            .whereIn(
              ['source', 'message_id'],
              tx('analytics_events')
                .select('source', 'message_id')
                .whereRaw('matched = false')
                .where({ type: 'track' })
                .whereIn('event', part)
                .limit(page),
            )
            .andWhere({ matched: false })
            .update({ matched: true })
            .returning([
              'source',
              'message_id',
              'user_hash',
              'event',
              'timestamp',
              'persona',
            ]);
          await this.judge(
            tx,
            rows
              .map((r, index) => ({
                index,
                type: 'track' as const,
                messageId: `${r.source}\u0000${r.message_id}`,
                userHash: r.user_hash,
                timestamp: Number(r.timestamp),
                event: r.event,
                persona: r.persona ?? undefined,
              }))
              .sort((a, b) => a.timestamp - b.timestamp || a.index - b.index),
            model,
            learned,
          );
          return rows.length;
        });
        this.remember(learned);
        counted += done;
        if (done < page) break;
      }
    }
    return counted;
  }

  /** First use of a feature per user: a new user, or an earlier first day. */
  private async adoption(
    tx: Knex.Transaction,
    firstUse: Map<string, { day: string; persona: string }>,
    bump: (f: string, p: string, d: string, c: 'new_users', by: number) => void,
  ) {
    const key = (r: { feature: string; user_hash: string }) =>
      `${r.feature}\u0000${r.user_hash}`;
    const wanted = [...firstUse].map(([k, v]) => {
      const [feature, user_hash] = k.split('\u0000');
      return { feature, user_hash, first_day: v.day, persona: v.persona };
    });
    const byKey = new Map(wanted.map(r => [key(r), r]));
    // Stored first uses that a use in this batch precedes (a late arrival):
    // the first use moves, and the counts move from the stored first use
    // (`stored`: its values before the change) to the new one.
    type FirstUse = {
      feature: string;
      user_hash: string;
      first_day: string;
      persona: string;
    };
    let isNew: Set<string>;
    let stored: FirstUse[];
    if (tx.client.config.client === 'pg') {
      // One statement (the batch holds its pairs' locks, see judge): new
      // pairs inserted, late first uses found and moved.
      const rows = await withRows<FirstUse & { added: boolean }>(
        tx,
        wanted,
        FEATURE_USERS,
        `, added as (${insertFromRows(FEATURE_USERS)}
           on conflict (feature, user_hash) do nothing
           returning feature, user_hash),
         late as (select o.feature, o.user_hash, o.first_day, o.persona,
             v.first_day as new_day, v.persona as new_persona
           from v cross join lateral (select * from analytics_feature_users o
             where o.feature = v.feature and o.user_hash = v.user_hash limit 1) o
           where v.first_day < o.first_day),
         moved as (update analytics_feature_users t
           set first_day = late.new_day, persona = late.new_persona
           from late
           where t.feature = late.feature and t.user_hash = late.user_hash)
         select true as added, feature, user_hash,
           null as first_day, null as persona from added
         union all
         select false, feature, user_hash, first_day, persona from late`,
        [],
        this.as('first-uses'),
      );
      isNew = new Set(rows.filter(r => r.added).map(key));
      stored = rows.filter(r => !r.added);
    } else {
      const inserted = await withRows<FirstUse>(
        tx,
        wanted,
        FEATURE_USERS,
        `${insertFromRows(FEATURE_USERS)}
         on conflict (feature, user_hash) do nothing returning feature, user_hash`,
      );
      isNew = new Set(inserted.map(key));
      stored = await withRows(
        tx,
        wanted.filter(r => !isNew.has(key(r))),
        FEATURE_USERS,
        `select t.feature, t.user_hash, t.first_day, t.persona
         from analytics_feature_users t join v
           on t.feature = v.feature and t.user_hash = v.user_hash
         where v.first_day < t.first_day`,
      );
      await withRows(
        tx,
        stored.map(x => byKey.get(key(x))!),
        FEATURE_USERS,
        `update analytics_feature_users set first_day = v.first_day, persona = v.persona
         from v where analytics_feature_users.feature = v.feature
           and analytics_feature_users.user_hash = v.user_hash`,
      );
    }
    for (const r of wanted)
      if (isNew.has(key(r)))
        bump(r.feature, r.persona, r.first_day, 'new_users', 1);
    for (const x of stored) {
      const r = byKey.get(key(x))!;
      bump(x.feature, x.persona, x.first_day, 'new_users', -1);
      bump(r.feature, r.persona, r.first_day, 'new_users', 1);
    }
  }

  /** Weekly active users, and who of them came back from the week before. */
  private async weeks(
    tx: Knex.Transaction,
    weekUse: Map<string, { day: string; persona: string }>,
    bump: (
      f: string,
      p: string,
      d: string,
      c: 'week_users' | 'returning_users',
      by: number,
    ) => void,
  ) {
    const key = (r: { feature: string; week: string; user_hash: string }) =>
      `${r.feature}\u0000${r.week}\u0000${r.user_hash}`;
    const wanted = [...weekUse].map(([k, v]) => {
      const [feature, week, user_hash] = k.split('\u0000');
      return { feature, week, user_hash, first_day: v.day, persona: v.persona };
    });
    type Week = {
      feature: string;
      week: string;
      user_hash: string;
      first_day: string;
      persona: string;
    };
    let addedKeys: Set<string>;
    // Weeks of the same users next to the ones added (`near`), from the
    // database; `isBefore` also counts the weeks this batch added.
    let near: Map<string, Week>;
    if (tx.client.config.client === 'pg') {
      // One statement adds the weeks and reads the neighbours of those it
      // added, as they were before it (the batch holds its pairs' locks, see
      // judge: no other batch has uncommitted weeks of them).
      const rows = await withRows<Week & { added: boolean }>(
        tx,
        wanted,
        USER_WEEKS,
        `, added as (${insertFromRows(USER_WEEKS)}
           on conflict (feature, week, user_hash) do nothing
           returning feature, week, user_hash)
         select true as added, feature, week, user_hash,
           null as first_day, null as persona from added
         union all
         select false, t.feature, t.week, t.user_hash, t.first_day, t.persona
         from added a cross join lateral (values
             (to_char(a.week::date - 7, 'YYYY-MM-DD')),
             (to_char(a.week::date + 7, 'YYYY-MM-DD'))) w(week)
           cross join lateral (select * from analytics_user_weeks t
             where t.feature = a.feature and t.week = w.week
               and t.user_hash = a.user_hash limit 1) t`,
        [],
        this.as('weeks'),
      );
      addedKeys = new Set(rows.filter(r => r.added).map(key));
      near = new Map(rows.filter(r => !r.added).map(r => [key(r), r]));
    } else {
      // SQLite writes one transaction at a time.
      const inserted = await withRows<Week>(
        tx,
        wanted,
        USER_WEEKS,
        `${insertFromRows(USER_WEEKS)}
         on conflict (feature, week, user_hash) do nothing
         returning feature, week, user_hash`,
      );
      addedKeys = new Set(inserted.map(key));
      const neighbours = await withRows<Week>(
        tx,
        wanted
          .filter(r => addedKeys.has(key(r)))
          .flatMap(r => [
            { ...r, week: addWeeks(r.week, -1) },
            { ...r, week: addWeeks(r.week, 1) },
          ]),
        {
          table: 'analytics_user_weeks',
          columns: ['feature', 'week', 'user_hash'],
        },
        `select t.feature, t.week, t.user_hash, t.first_day, t.persona
         from analytics_user_weeks t join v on t.feature = v.feature
           and t.week = v.week and t.user_hash = v.user_hash`,
      );
      near = new Map(
        neighbours.filter(n => !addedKeys.has(key(n))).map(n => [key(n), n]),
      );
    }
    const added = wanted.filter(r => addedKeys.has(key(r)));
    const isBefore = (r: Week) => {
      const before = key({ ...r, week: addWeeks(r.week, -1) });
      return near.has(before) || addedKeys.has(before);
    };
    for (const r of added) {
      bump(r.feature, r.persona, r.first_day, 'week_users', 1);
      // Back after the week before: a returning user this week.
      if (isBefore(r))
        bump(r.feature, r.persona, r.first_day, 'returning_users', 1);
      // A late week before a week already stored: that week's user is now
      // returning (a week after it added by this same batch is counted by
      // the line above when its turn comes).
      const next = near.get(key({ ...r, week: addWeeks(r.week, 1) }));
      if (next)
        bump(next.feature, next.persona, next.first_day, 'returning_users', 1);
    }
  }

  /** Sums per feature × persona × week, from `fromWeek` to `toWeek` (Mondays). */
  async weekRows(query: {
    fromWeek: string;
    toWeek: string;
    persona?: string;
    feature?: string;
    features?: string[];
  }): Promise<WeekRow[]> {
    const q = this.db('analytics_daily')
      .whereBetween('week', [query.fromWeek, query.toWeek])
      .groupBy('feature', 'persona', 'week')
      .select(
        'feature',
        'persona',
        'week',
        ...COUNTERS.map(c => this.db.raw(`sum(??) as ??`, [c, c])),
      );
    if (query.persona) q.where('persona', query.persona);
    if (query.feature) q.where('feature', query.feature);
    if (query.features) q.whereIn('feature', query.features);
    const rows = await q;
    return rows.map((r: any) => ({
      feature: r.feature,
      persona: r.persona,
      week: r.week,
      events: Number(r.events),
      weekUsers: Number(r.week_users),
      returningUsers: Number(r.returning_users),
      newUsers: Number(r.new_users),
      successes: Number(r.successes),
      failures: Number(r.failures),
      scoreSum: Number(r.score_sum),
      scores: Number(r.scores),
    }));
  }

  /** Stores a series' values by day; a day sent again takes the new value. */
  async writeSeries(
    source: string,
    series: string,
    points: Array<{ day: string; value: number }>,
    receivedAt: number,
  ) {
    for (const part of chunks(this.db, points))
      await this.db('analytics_series')
        .insert(
          part.map(p => ({
            series,
            day: p.day,
            week: weekOf(p.day),
            value: p.value,
            source,
            received_at: receivedAt,
          })),
        )
        .onConflict(['series', 'day'])
        .merge(['value', 'source', 'received_at']);
  }

  /** Mean and sum of each series' daily values per week, from `fromWeek` to `toWeek`. */
  async seriesWeeks(series: string[], fromWeek: string, toWeek: string) {
    if (series.length === 0) return [];
    const rows = await this.db('analytics_series')
      .whereIn('series', series)
      .whereBetween('week', [fromWeek, toWeek])
      .groupBy('series', 'week')
      .select(
        'series',
        'week',
        this.db.raw('avg(value) as mean'),
        this.db.raw('sum(value) as sum'),
      );
    return rows.map((r: any) => ({
      series: r.series as string,
      week: r.week as string,
      mean: Number(r.mean),
      sum: Number(r.sum),
    }));
  }

  async lastEventAt(): Promise<number | undefined> {
    const row = await this.db('analytics_events')
      .max('received_at as at')
      .first();
    return row?.at ? Number(row.at) : undefined;
  }

  /** Drops raw events and user-weeks older than the retention window. */
  async purge(oldest: number) {
    const events = await this.db('analytics_events')
      .where('received_at', '<', oldest)
      .delete();
    // A week is kept while the week after it can still receive events.
    const weeks = await this.db('analytics_user_weeks')
      .where('week', '<', addWeeks(weekOf(dayOf(oldest)), -1))
      .delete();
    this.storedWeeks.clear();
    return { events, weeks };
  }

  async hasSeries() {
    return Boolean(await this.db('analytics_series').first('day'));
  }

  async hasAggregates() {
    return Boolean(await this.db('analytics_daily').first('day'));
  }

  /** Writes generated aggregates (the demo); rows are whole days. */
  async writeDaily(rows: DailyCounts[]) {
    for (const part of chunks(this.db, rows))
      await this.db('analytics_daily')
        .insert(part.map(r => ({ ...r, week: weekOf(r.day) })))
        .onConflict(['feature', 'persona', 'day'])
        .ignore();
  }
}

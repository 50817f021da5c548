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

const migrationsDir = resolvePackagePath(
  '@teamflow/plugin-teamflow-backend',
  'migrations',
);

/**
 * Rows per statement. PostgreSQL: a Segment batch (≤ 500 KB, rarely over
 * 1,000 calls) in one statement per step, at most 12,000 bound values of
 * its 65,535. SQLite: knex writes a multi-row insert as a compound SELECT,
 * and SQLite allows at most 500 terms in one.
 */
const chunkSize = (db: Knex) => (db.client.config.client === 'pg' ? 1000 : 450);

const dayOf = (t: number) => new Date(t).toISOString().slice(0, 10);

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

/**
 * Rows of `table` whose `columns` equal one of `tuples`, joined against a
 * VALUES list (PostgreSQL plans a row-value IN of a thousand tuples badly;
 * both databases name VALUES columns column1, column2, …). With `lock` on
 * PostgreSQL the rows are locked until the transaction ends.
 */
async function rowsMatching(
  tx: Knex.Transaction,
  table: string,
  columns: string[],
  tuples: string[][],
  select: string[],
  lock = false,
): Promise<any[]> {
  if (tuples.length === 0) return [];
  const row = `(${columns.map(() => '?').join(', ')})`;
  const on = columns.map((c, i) => `t."${c}" = v.column${i + 1}`).join(' and ');
  const pg = tx.client.config.client === 'pg';
  const sql = `select ${select
    .map(c => `t."${c}"`)
    .join(', ')} from ${table} t join (values ${tuples
    .map(() => row)
    .join(', ')}) v on ${on}${lock && pg ? ' for update of t' : ''}`;
  const result = await tx.raw(sql, tuples.flat());
  return Array.isArray(result) ? result : result.rows;
}

function chunks<T>(db: Knex, rows: T[]) {
  const size = chunkSize(db);
  const out: T[][] = [];
  for (let i = 0; i < rows.length; i += size) out.push(rows.slice(i, i + size));
  return out;
}

/**
 * Product analytics storage: raw events (idempotency and the retention
 * window), users as keyed hashes with the traits persona rules read, and
 * the feature × persona × day aggregates. One ingest is one transaction, so
 * a crash leaves a batch either counted or not stored (and a retry counts
 * it); counters are only ever incremented in the database, so concurrent
 * batches lose nothing.
 */
export class AnalyticsStore {
  private constructor(private readonly db: Knex) {}

  static async create(database: DatabaseService) {
    const db = await database.getClient();
    if (!database.migrations?.skip)
      await db.migrate.latest({ directory: migrationsDir });
    return new AnalyticsStore(db);
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
    return this.db.transaction(async tx => {
      // The first of several copies of a messageId in one batch counts.
      const seen = new Set<string>();
      const unique = ordered.filter(m =>
        seen.has(m.messageId) ? false : (seen.add(m.messageId), true),
      );
      const fresh = new Set<string>();
      for (const part of chunks(tx, unique)) {
        const inserted: Array<{ message_id: string }> = await tx(
          'analytics_events',
        )
          .insert(
            part.map(m => ({
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
          )
          .onConflict(['source', 'message_id'])
          .ignore()
          .returning('message_id');
        for (const r of inserted) fresh.add(r.message_id);
      }
      const todo = unique.filter(m => fresh.has(m.messageId));
      const waiting = await this.judge(tx, todo, model);
      // The persona each waiting event's user has now, to count it with later.
      for (const part of chunks(tx, waiting))
        await tx.raw(
          `update analytics_events set persona = v.column2
           from (values ${part.map(() => '(?, ?)').join(', ')}) as v
           where analytics_events.source = ? and analytics_events.message_id = v.column1`,
          [...part.flatMap(w => [w.messageId, w.persona]), source],
        );
      return {
        accepted: todo.length,
        duplicates: messages.length - todo.length,
      };
    });
  }

  /**
   * Counts `messages` into the aggregates. Returns the track events no
   * feature declares, each with its user's persona at that moment.
   */
  private async judge(
    tx: Knex.Transaction,
    messages: AnalyticsMessage[],
    model: AnalyticsModel,
  ): Promise<Array<{ messageId: string; persona: string }>> {
    const waiting: Array<{ messageId: string; persona: string }> = [];
    if (messages.length === 0) return waiting;
    // Users: stored traits merged with the batch's, in time order.
    const hashes = [...new Set(messages.map(m => m.userHash))];
    const users = new Map<
      string,
      { traits: Record<string, unknown>; persona: string; changed: boolean }
    >();
    for (const part of chunks(tx, hashes)) {
      const rows = await tx('analytics_users')
        .whereIn('user_hash', part)
        .select('user_hash', 'traits', 'persona');
      for (const r of rows)
        users.set(r.user_hash, {
          traits: JSON.parse(r.traits),
          persona: r.persona,
          changed: false,
        });
    }
    const increments = new Map<string, DailyCounts>();
    const bump = (
      feature: string,
      persona: string,
      day: string,
      counter: (typeof COUNTERS)[number],
      by: number,
    ) => {
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
      row[counter] += by;
    };
    // Per feature × user: the earliest day; per feature × week × user: the
    // earliest day of that week; each with the persona of that use.
    const firstUse = new Map<string, { day: string; persona: string }>();
    const weekUse = new Map<string, { day: string; persona: string }>();
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
        bump(hit.feature, persona, day, 'events', 1);
        if (hit.success) bump(hit.feature, persona, day, 'successes', 1);
        if (hit.failure) bump(hit.feature, persona, day, 'failures', 1);
        if (hit.scoreProperty) {
          const score = Number(m.properties?.[hit.scoreProperty]);
          if (
            m.properties?.[hit.scoreProperty] !== '' &&
            Number.isFinite(score)
          ) {
            bump(hit.feature, persona, day, 'score_sum', score);
            bump(hit.feature, persona, day, 'scores', 1);
          }
        }
        const fu = `${hit.feature}\u0000${m.userHash}`;
        const prior = firstUse.get(fu);
        if (!prior || day < prior.day) firstUse.set(fu, { day, persona });
        const wu = `${hit.feature}\u0000${weekOf(day)}\u0000${m.userHash}`;
        const priorWeek = weekUse.get(wu);
        if (!priorWeek || day < priorWeek.day)
          weekUse.set(wu, { day, persona });
      }
    }
    const changedUsers = [...users].filter(([, u]) => u.changed);
    for (const part of chunks(tx, changedUsers))
      await tx('analytics_users')
        .insert(
          part.map(([hash, u]) => ({
            user_hash: hash,
            traits: JSON.stringify(u.traits),
            persona: u.persona,
            updated_at: Date.now(),
          })),
        )
        .onConflict('user_hash')
        .merge(['traits', 'persona', 'updated_at']);

    await this.adoption(tx, firstUse, bump);
    await this.weeks(tx, weekUse, bump);

    // Sorted, so concurrent batches take row locks in one order.
    // (The keys are feature, persona and day joined by NUL, which sorts
    // before any character: key order is tuple order.)
    const rows = [...increments]
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .map(([, row]) => row);
    const merge = Object.fromEntries(
      COUNTERS.map(c => [
        c,
        tx.raw(`?? + excluded.??`, [`analytics_daily.${c}`, c]),
      ]),
    );
    for (const part of chunks(tx, rows))
      await tx('analytics_daily')
        .insert(part.map(r => ({ ...r, week: weekOf(r.day) })))
        .onConflict(['feature', 'persona', 'day'])
        .merge(merge);
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
        .where({ matched: false, type: 'track' })
        .whereNotNull('event')
    ).map((r: { event: string }) => r.event);
    const now = names.filter(n => model.match(n).length > 0);
    let counted = 0;
    for (const part of chunks(this.db, now)) {
      for (;;) {
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
                .where({ matched: false, type: 'track' })
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
          );
          return rows.length;
        });
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
    const wanted = [...firstUse].map(([key, v]) => {
      const [feature, user_hash] = key.split('\u0000');
      return { feature, user_hash, first_day: v.day, persona: v.persona };
    });
    for (const part of chunks(tx, wanted)) {
      const inserted: Array<{ feature: string; user_hash: string }> = await tx(
        'analytics_feature_users',
      )
        .insert(part)
        .onConflict(['feature', 'user_hash'])
        .ignore()
        .returning(['feature', 'user_hash']);
      const isNew = new Set(
        inserted.map(r => `${r.feature}\u0000${r.user_hash}`),
      );
      const known = part.filter(
        r => !isNew.has(`${r.feature}\u0000${r.user_hash}`),
      );
      for (const r of part)
        if (isNew.has(`${r.feature}\u0000${r.user_hash}`))
          bump(r.feature, r.persona, r.first_day, 'new_users', 1);
      if (known.length === 0) continue;
      // A use older than the known first one arrived late: the first use
      // moves (the rows locked, so the counts moved are the stored ones).
      const stored = await rowsMatching(
        tx,
        'analytics_feature_users',
        ['feature', 'user_hash'],
        known.map(r => [r.feature, r.user_hash]),
        ['feature', 'user_hash', 'first_day', 'persona'],
        true,
      );
      const byKey = new Map(
        stored.map(x => [`${x.feature}\u0000${x.user_hash}`, x]),
      );
      const earlier = known.filter(r => {
        const x = byKey.get(`${r.feature}\u0000${r.user_hash}`);
        return x && x.first_day > r.first_day;
      });
      if (earlier.length === 0) continue;
      await tx.raw(
        `update analytics_feature_users set first_day = v.column3, persona = v.column4
         from (values ${earlier.map(() => '(?, ?, ?, ?)').join(', ')}) as v
         where analytics_feature_users.feature = v.column1
           and analytics_feature_users.user_hash = v.column2`,
        earlier.flatMap(r => [r.feature, r.user_hash, r.first_day, r.persona]),
      );
      for (const r of earlier) {
        const x = byKey.get(`${r.feature}\u0000${r.user_hash}`)!;
        bump(x.feature, x.persona, x.first_day, 'new_users', -1);
        bump(r.feature, r.persona, r.first_day, 'new_users', 1);
      }
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
    const wanted = [...weekUse].map(([key, v]) => {
      const [feature, week, user_hash] = key.split('\u0000');
      return { feature, week, user_hash, first_day: v.day, persona: v.persona };
    });
    for (const part of chunks(tx, wanted)) {
      const inserted: Array<{
        feature: string;
        week: string;
        user_hash: string;
      }> = await tx('analytics_user_weeks')
        .insert(part)
        .onConflict(['feature', 'week', 'user_hash'])
        .ignore()
        .returning(['feature', 'week', 'user_hash']);
      if (inserted.length === 0) continue;
      const key = (f: string, w: string, u: string) =>
        `${f}\u0000${w}\u0000${u}`;
      const isNew = new Set(
        inserted.map(r => key(r.feature, r.week, r.user_hash)),
      );
      const added = part.filter(r =>
        isNew.has(key(r.feature, r.week, r.user_hash)),
      );
      // The neighbouring weeks of the same users (stored earlier or in this
      // same batch: the rows were just inserted).
      const neighbours = await rowsMatching(
        tx,
        'analytics_user_weeks',
        ['feature', 'week', 'user_hash'],
        added.flatMap(r => [
          [r.feature, addWeeks(r.week, -1), r.user_hash],
          [r.feature, addWeeks(r.week, 1), r.user_hash],
        ]),
        ['feature', 'week', 'user_hash', 'first_day', 'persona'],
      );
      const stored = new Map(
        neighbours.map(n => [key(n.feature, n.week, n.user_hash), n]),
      );
      const addedKeys = new Set(
        added.map(r => key(r.feature, r.week, r.user_hash)),
      );
      for (const r of added) {
        bump(r.feature, r.persona, r.first_day, 'week_users', 1);
        // Back after the week before: a returning user this week.
        if (stored.has(key(r.feature, addWeeks(r.week, -1), r.user_hash)))
          bump(r.feature, r.persona, r.first_day, 'returning_users', 1);
        // A late week before a week already stored: that week's user is
        // now returning (unless that week came in this batch too, counted
        // by the line above when its turn comes).
        const next = stored.get(
          key(r.feature, addWeeks(r.week, 1), r.user_hash),
        );
        if (
          next &&
          !addedKeys.has(key(next.feature, next.week, next.user_hash))
        )
          bump(
            next.feature,
            next.persona,
            next.first_day,
            'returning_users',
            1,
          );
      }
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

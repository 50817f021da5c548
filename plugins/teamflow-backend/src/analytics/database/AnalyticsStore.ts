import {
  DatabaseService,
  resolvePackagePath,
} from '@backstage/backend-plugin-api';
import { Knex } from 'knex';
import { addWeeks, weekOf } from '@teamflow/plugin-teamflow-common';
import { AnalyticsMessage } from '../segment';
import { countBatch } from './counting';
import { IngestQueue, IngestResult, countRequests } from './ingest';
import {
  AnalyticsModel,
  COUNTERS,
  DailyCounts,
  SplitSums,
  WeekRow,
  chunks,
  dayOf,
} from './rows';
import { Learned, StoredUses } from './StoredUses';
import { noteStale, rollWeeks, weekSumsSql } from './weekly';

export type { AnalyticsModel, DailyCounts, WeekRow } from './rows';

const migrationsDir = resolvePackagePath(
  '@teamflow/plugin-teamflow-backend',
  'migrations',
);

/**
 * Product analytics storage: raw events (idempotency and the retention
 * window), users as keyed hashes with the traits persona rules read, and
 * the feature × persona × day aggregates. A request's calls are counted in
 * one transaction (with other requests waiting then, see IngestQueue), so a
 * crash leaves a batch either counted or not stored (and a retry counts
 * it); counters are only ever incremented in the database, so concurrent
 * batches lose nothing.
 */
export class AnalyticsStore {
  /** What this process knows is stored (see StoredUses). */
  private readonly stored = new StoredUses();
  /** Requests waiting for their transaction. */
  private readonly queue = new IngestQueue(requests =>
    countRequests(this.db, requests, this.stored, name => this.as(name)),
  );

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

  /** Stores and counts a request's calls (see IngestQueue). */
  ingest(
    source: string,
    messages: AnalyticsMessage[],
    model: AnalyticsModel,
    receivedAt: number,
  ): Promise<IngestResult> {
    if (messages.length === 0)
      return Promise.resolve({ accepted: 0, duplicates: 0 });
    return this.queue.add({ source, messages, model, receivedAt });
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
  async countWaiting(
    model: AnalyticsModel,
    now = Date.now(),
    page = 5_000,
  ): Promise<number> {
    const names: string[] = (
      await this.db('analytics_events')
        .distinct('event')
        // As the partial index states it, for the planner to use it.
        .whereRaw('matched = false')
        .where({ type: 'track' })
        .whereNotNull('event')
    ).map((r: { event: string }) => r.event);
    const declared = names.filter(n => model.match(n).length > 0);
    let counted = 0;
    for (const part of chunks(this.db, declared)) {
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
          await countBatch(
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
            this.stored,
            learned,
            name => this.as(name),
            weekOf(dayOf(now)),
          );
          return rows.length;
        });
        this.stored.remember(learned);
        counted += done;
        if (done < page) break;
      }
    }
    return counted;
  }

  /**
   * Sums per feature × persona × week, from `fromWeek` to `toWeek`
   * (Mondays): weeks rolled up and fresh from their roll-up, the others
   * from the day rows (see ./weekly).
   */
  async weekRows(query: {
    fromWeek: string;
    toWeek: string;
    persona?: string;
    feature?: string;
    features?: string[];
  }): Promise<WeekRow[]> {
    const pg = this.db.client.config.client === 'pg';
    const { cte, select, cteBindings, selectBindings } = weekSumsSql(pg, query);
    const bindings = [...cteBindings, ...selectBindings];
    if (pg) {
      // One row per feature × persona, its weeks packed in one text
      // (week,counters…;…): PostgreSQL sends every value as a message the
      // driver decodes one by one, and a persona's 13 weeks were ~60,000 of
      // them (see "The persona view" in the README).
      const packed: Array<{ feature: string; persona: string; weeks: string }> =
        (
          await this.db.raw(
            `with ${cte} select feature, persona,
               string_agg(concat_ws(',', week, ${COUNTERS.join(
                 ', ',
               )}), ';') as weeks
             from (${select}) w group by feature, persona`,
            bindings,
          )
        ).rows;
      const out: WeekRow[] = [];
      for (const { feature, persona, weeks } of packed)
        for (const week of weeks.split(';')) {
          const v = week.split(',');
          out.push({
            feature,
            persona,
            week: v[0],
            events: Number(v[1]),
            weekUsers: Number(v[2]),
            returningUsers: Number(v[3]),
            newUsers: Number(v[4]),
            successes: Number(v[5]),
            failures: Number(v[6]),
            scoreSum: Number(v[7]),
            scores: Number(v[8]),
          });
        }
      return out;
    }
    const rows = await this.db.raw(`with ${cte} ${select}`, bindings);
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

  /**
   * Per feature × persona, users a week (summed over the weeks) and events
   * from `fromWeek` to `toWeek`, apart for the weeks before `splitWeek` and
   * from it on (every persona's engagement against the weeks before).
   */
  async splitSums(query: {
    fromWeek: string;
    splitWeek: string;
    toWeek: string;
  }): Promise<SplitSums[]> {
    const pg = this.db.client.config.client === 'pg';
    const { cte, select, cteBindings, selectBindings } = weekSumsSql(pg, query);
    // Each sum once from the split week on, once before it.
    const sums = [
      ['week_users', 'users'],
      ['events', 'events'],
      ['1', 'rows'],
    ].flatMap(([value, name]) => [
      `sum(case when week >= ? then ${value} else 0 end) as ${name}_after`,
      `sum(case when week < ? then ${value} else 0 end) as ${name}_before`,
    ]);
    const result = await this.db.raw(
      `with ${cte} select feature, persona, ${sums.join(', ')}
       from (${select}) w group by feature, persona`,
      [...cteBindings, ...sums.map(() => query.splitWeek), ...selectBindings],
    );
    return (pg ? result.rows : result).map((r: any) => ({
      feature: r.feature,
      persona: r.persona,
      users: Number(r.users_after),
      usersBefore: Number(r.users_before),
      events: Number(r.events_after),
      eventsBefore: Number(r.events_before),
      weeksAfter: Number(r.rows_after),
    }));
  }

  /** Rolls up the weeks that ended and were written since (scheduled; see ./weekly). */
  async rollWeeks(now: number) {
    return rollWeeks(this.db, now);
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
    this.stored.forgetWeeks();
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
    await this.db.transaction(async tx => {
      for (const part of chunks(tx, rows))
        await tx('analytics_daily')
          .insert(part.map(r => ({ ...r, week: weekOf(r.day) })))
          .onConflict(['feature', 'persona', 'day'])
          .ignore();
      await noteStale(
        tx,
        rows.map(r => weekOf(r.day)),
      );
    });
  }
}

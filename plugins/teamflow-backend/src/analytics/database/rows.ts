import { Knex } from 'knex';
import { FeatureHit } from '@teamflow/plugin-teamflow-common';

/*
 * The product analytics tables as the ingest writes them, the shapes read
 * back, and the limits of one statement on each database.
 */

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
export const chunkSize = (db: Knex) =>
  db.client.config.client === 'pg' ? 1000 : 450;

/** The UTC day of a time, as YYYY-MM-DD (remembered: a batch's calls share few days). */
const days = new Map<number, string>();
export function dayOf(t: number): string {
  const n = Math.floor(t / 86_400_000);
  let day = days.get(n);
  if (day === undefined) {
    if (days.size >= 10_000) days.clear();
    day = new Date(n * 86_400_000).toISOString().slice(0, 10);
    days.set(n, day);
  }
  return day;
}

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

/** A feature × persona's sums over two spans of weeks (see AnalyticsStore.splitSums). */
export type SplitSums = {
  feature: string;
  persona: string;
  users: number;
  usersBefore: number;
  events: number;
  eventsBefore: number;
  /** Weeks with counts from the split on. */
  weeksAfter: number;
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

export const COUNTERS = [
  'events',
  'week_users',
  'returning_users',
  'new_users',
  'successes',
  'failures',
  'score_sum',
  'scores',
] as const;

export function chunks<T>(db: Knex, rows: T[]) {
  const size = chunkSize(db);
  const out: T[][] = [];
  for (let i = 0; i < rows.length; i += size) out.push(rows.slice(i, i + size));
  return out;
}

export const EVENTS = {
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
export const USERS = {
  table: 'analytics_users',
  columns: ['user_hash', 'traits', 'persona', 'updated_at'],
};
export const FEATURE_USERS = {
  table: 'analytics_feature_users',
  columns: ['feature', 'user_hash', 'first_day', 'persona'],
};
export const USER_WEEKS = {
  table: 'analytics_user_weeks',
  columns: ['feature', 'week', 'user_hash', 'first_day', 'persona'],
};
export const DAILY = {
  table: 'analytics_daily',
  columns: ['feature', 'persona', 'day', 'week', ...COUNTERS],
};

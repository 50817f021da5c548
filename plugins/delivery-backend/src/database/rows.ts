import { resolvePackagePath } from '@backstage/backend-plugin-api';
import { Knex } from 'knex';
import {
  DailyRollup,
  HISTOGRAM_BUCKETS,
  bucketOf,
  emptyRollup,
  weekOf,
} from '@teamflow/plugin-delivery-common';

export const migrationsDir = resolvePackagePath(
  '@teamflow/plugin-delivery-backend',
  'migrations',
);

/**
 * A window's whole weeks, read from week rows: Mondays from the first at or
 * after `fromDay` to the Monday of `toDay`'s week (exclusive). The rest of
 * the window are edge days, read from day rows.
 */
export function wholeWeeksOf(fromDay: string, toDay: string) {
  let firstWeek = weekOf(fromDay);
  if (firstWeek < fromDay)
    firstWeek = new Date(Date.parse(`${firstWeek}T00:00:00Z`) + 7 * 86_400_000)
      .toISOString()
      .slice(0, 10);
  const lastWeekEnd = weekOf(toDay);
  return { firstWeek, lastWeekEnd, whole: firstWeek < lastWeekEnd };
}

/** A deployment row as stored (instants in epoch ms). @public */
export type DeploymentRow = {
  id: string;
  entityRef: string;
  teamRef: string | null;
  environment: string;
  finishedAt: number;
  status: 'success' | 'failure';
  rollback: boolean;
  changeIds?: string[];
  version?: string;
  url?: string;
  source: string;
  receivedAt: number;
  failed?: boolean;
  rework?: boolean;
  recoveryHours?: number | null;
  changes?: number;
};

/** @public */
export type ChangeRow = {
  /** Shipped by some deployment (kept by the judgement). */
  shipped?: boolean;
  id: string;
  entityRef: string;
  teamRef: string | null;
  mergedAt: number;
  firstCommitAt?: number;
  openedAt?: number;
  labels: string[];
  revertOf?: string;
  title?: string;
  url?: string;
  source: string;
  receivedAt: number;
};

/** @public */
export type IncidentRow = {
  id: string;
  entityRef: string;
  teamRef: string | null;
  environment: string;
  startedAt: number;
  resolvedAt?: number;
  deploymentId?: string;
  linkedDeploymentId?: string | null;
  title?: string;
  url?: string;
  source: string;
  receivedAt: number;
};

/** @public */
export type ChangeDeploymentRow = {
  changeId: string;
  environment: string;
  deploymentId: string;
  entityRef: string;
  leadTimeHours: number;
};

/** Totals of one team (or the organisation) over a window. @public */
export type RollupTotals = DailyRollup & { deployDays: number };

export const CHUNK = 400;
/** PostgreSQL advisory lock serialising queue claims (any fixed number). */
export const CLAIM_LOCK = 7_310_205_001;
/** Changes not shipped after this many days are no longer looked for. */
export const PENDING_DAYS = 180;
export const chunks = <T>(list: T[], size = CHUNK) => {
  const out: T[][] = [];
  for (let i = 0; i < list.length; i += size) out.push(list.slice(i, i + size));
  return out;
};
export const num = (x: unknown) =>
  x === null || x === undefined ? 0 : Number(x);
export const optNum = (x: unknown) =>
  x === null || x === undefined ? undefined : Number(x);
export const optStr = (x: unknown) =>
  x === null || x === undefined ? undefined : String(x);

export const COUNT_COLUMNS = [
  ['deployments', 'deployments'],
  ['successful', 'successful'],
  ['failed', 'failed'],
  ['rework', 'rework'],
  ['with_changes', 'withChanges'],
  ['incidents', 'incidents'],
  ['unlinked_incidents', 'unlinkedIncidents'],
] as const;
export const L_COLUMNS = Array.from(
  { length: HISTOGRAM_BUCKETS },
  (_, k) => `l${k}`,
);
export const R_COLUMNS = Array.from(
  { length: HISTOGRAM_BUCKETS },
  (_, k) => `r${k}`,
);
/**
 * Histograms as one comma-separated text each: reading 64 integer columns
 * per row costs more. One `concat_ws` call, not a chain of 63 `||`: PostgreSQL
 * resolved each operator while planning, 11 ms of an edge read's ~45 against
 * 3.5 for the call. (The columns are NOT NULL, so no sum is null, which
 * `concat_ws` would skip.)
 */
export const packed = (columns: string[], wrap: (c: string) => string) =>
  `concat_ws(',', ${columns.map(wrap).join(', ')})`;
export const SUM_COLUMNS = [
  ...COUNT_COLUMNS.map(([c]) => c),
  ...L_COLUMNS,
  ...R_COLUMNS,
];

/** A summed row (histograms, no durations): team, week or window sums. */
export function rollupFromRow(r: any, day: string): DailyRollup {
  const out: DailyRollup = {
    day,
    deployments: 0,
    successful: 0,
    failed: 0,
    rework: 0,
    withChanges: 0,
    incidents: 0,
    unlinkedIncidents: 0,
    leadHistogram:
      r.lh !== undefined
        ? String(r.lh).split(',').map(Number)
        : L_COLUMNS.map(c => num(r[c])),
    recoveryHistogram:
      r.rh !== undefined
        ? String(r.rh).split(',').map(Number)
        : R_COLUMNS.map(c => num(r[c])),
  };
  for (const [col, key] of COUNT_COLUMNS) out[key] = num(r[col]);
  return out;
}

/**
 * The columns an entity day row is read by: counts and the exact durations.
 * Its histograms are the buckets of those durations, so they are rebuilt
 * here instead of read (64 integer columns cost more to send and decode
 * than the durations they summarise).
 */
export const EXACT_COLUMNS = [
  'day',
  ...COUNT_COLUMNS.map(([c]) => c),
  'lead_times',
  'recovery_times',
];

/**
 * An entity day row read by {@link EXACT_COLUMNS}, its histograms filled as
 * judging fills them (`rollupDays`).
 */
export function exactRollupFromRow(r: any): DailyRollup {
  const out = emptyRollup(r.day);
  out.leadTimes = JSON.parse(r.lead_times) as number[];
  out.recoveryTimes = JSON.parse(r.recovery_times) as number[];
  for (const h of out.leadTimes) out.leadHistogram[bucketOf(h)] += 1;
  for (const h of out.recoveryTimes) out.recoveryHistogram[bucketOf(h)] += 1;
  for (const [col, key] of COUNT_COLUMNS) out[key] = num(r[col]);
  return out;
}

export function rollupColumns(r: DailyRollup) {
  const row: Record<string, unknown> = { day: r.day, week: weekOf(r.day) };
  for (const [col, key] of COUNT_COLUMNS) row[col] = r[key];
  L_COLUMNS.forEach((c, k) => (row[c] = r.leadHistogram[k]));
  R_COLUMNS.forEach((c, k) => (row[c] = r.recoveryHistogram[k]));
  return row;
}

export function deploymentFromRow(r: any): DeploymentRow {
  return {
    id: r.id,
    entityRef: r.entity_ref,
    teamRef: r.team_ref ?? null,
    environment: r.environment,
    finishedAt: Number(r.finished_at),
    status: r.status,
    rollback: Boolean(r.rollback),
    changeIds: r.change_ids ? JSON.parse(r.change_ids) : undefined,
    version: optStr(r.version),
    url: optStr(r.url),
    source: r.source,
    receivedAt: Number(r.received_at),
    failed: Boolean(r.failed),
    rework: Boolean(r.rework),
    recoveryHours: r.recovery_hours === null ? null : Number(r.recovery_hours),
    changes: num(r.changes),
  };
}

export function deploymentToRow(d: DeploymentRow) {
  return {
    id: d.id,
    entity_ref: d.entityRef,
    team_ref: d.teamRef,
    environment: d.environment,
    finished_at: d.finishedAt,
    status: d.status,
    rollback: d.rollback,
    change_ids: d.changeIds?.length ? JSON.stringify(d.changeIds) : null,
    version: d.version ?? null,
    url: d.url ?? null,
    source: d.source,
    received_at: d.receivedAt,
    failed: d.failed ?? false,
    rework: d.rework ?? false,
    recovery_hours: d.recoveryHours ?? null,
    changes: d.changes ?? 0,
  };
}

export function changeFromRow(r: any): ChangeRow {
  return {
    id: r.id,
    entityRef: r.entity_ref,
    teamRef: r.team_ref ?? null,
    mergedAt: Number(r.merged_at),
    firstCommitAt: optNum(r.first_commit_at),
    openedAt: optNum(r.opened_at),
    labels: r.labels ? JSON.parse(r.labels) : [],
    revertOf: optStr(r.revert_of),
    title: optStr(r.title),
    url: optStr(r.url),
    source: r.source,
    receivedAt: Number(r.received_at),
    shipped: Boolean(r.shipped),
  };
}

export function changeToRow(c: ChangeRow) {
  return {
    id: c.id,
    entity_ref: c.entityRef,
    team_ref: c.teamRef,
    merged_at: c.mergedAt,
    first_commit_at: c.firstCommitAt ?? null,
    opened_at: c.openedAt ?? null,
    labels: c.labels.length ? JSON.stringify(c.labels) : null,
    revert_of: c.revertOf ?? null,
    title: c.title ?? null,
    url: c.url ?? null,
    source: c.source,
    received_at: c.receivedAt,
  };
}

export function incidentFromRow(r: any): IncidentRow {
  return {
    id: r.id,
    entityRef: r.entity_ref,
    teamRef: r.team_ref ?? null,
    environment: r.environment,
    startedAt: Number(r.started_at),
    resolvedAt: optNum(r.resolved_at),
    deploymentId: optStr(r.deployment_id),
    linkedDeploymentId: r.linked_deployment_id ?? null,
    title: optStr(r.title),
    url: optStr(r.url),
    source: r.source,
    receivedAt: Number(r.received_at),
  };
}

export function incidentToRow(i: IncidentRow) {
  return {
    id: i.id,
    entity_ref: i.entityRef,
    team_ref: i.teamRef,
    environment: i.environment,
    started_at: i.startedAt,
    resolved_at: i.resolvedAt ?? null,
    deployment_id: i.deploymentId ?? null,
    linked_deployment_id: i.linkedDeploymentId ?? null,
    title: i.title ?? null,
    url: i.url ?? null,
    source: i.source,
    received_at: i.receivedAt,
  };
}

/**
 * An entity's band being judged (`[from, to)`) and the instant from which its
 * changes may still be unshipped in some environment. @public
 */
export type ContextBand = {
  entityRef: string;
  from: number;
  to: number;
  changesFrom: number;
};

/** A deployment as judging's band finding sees it. @public */
export type TimelineRow = {
  id: string;
  entityRef: string;
  environment: string;
  finishedAt: number;
  status: string;
  rollback: boolean;
  failed: boolean;
};

/** What every part of the store shares: the database and small readers. */
export abstract class StoreBase {
  constructor(protected readonly db: Knex) {}

  /**
   * Rows per multi-row insert: SQLite's statement is a compound SELECT,
   * limited to 500 terms.
   */
  protected get insertRows() {
    return this.db.client.config.client === 'pg' ? 1000 : 400;
  }

  /** Rows of a table by id, mapped. */
  protected async byIds<T>(
    table: string,
    ids: string[],
    fromRow: (r: any) => T,
    db: Knex = this.db,
  ) {
    const out = new Map<string, T>();
    for (const part of chunks(ids)) {
      const rows = await db(table).whereIn('id', part);
      for (const r of rows) out.set(r.id, fromRow(r));
    }
    return out;
  }

  /**
   * The deployments listing these changes explicitly (`changeIds`), with
   * where they are: a change filed after the deployment that lists it finds
   * it here, however far apart in time.
   */
  async listingDeployments(changeIds: string[], db: Knex = this.db) {
    const out: Array<{
      changeId: string;
      deploymentId: string;
      entityRef: string;
      environment: string;
      finishedAt: number;
    }> = [];
    for (const part of chunks([...new Set(changeIds)]))
      for (const r of await db('delivery_listed_changes as l')
        .join('delivery_deployments as d', 'd.id', 'l.deployment_id')
        .whereIn('l.change_id', part)
        .select(
          'l.change_id',
          'd.id',
          'd.entity_ref',
          'd.environment',
          'd.finished_at',
        ))
        out.push({
          changeId: r.change_id,
          deploymentId: r.id,
          entityRef: r.entity_ref,
          environment: r.environment,
          finishedAt: Number(r.finished_at),
        });
    return out;
  }
}

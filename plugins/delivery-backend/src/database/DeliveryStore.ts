import { OwnershipEntry } from '@teamflow/plugin-teamflow-common';
import {
  DatabaseService,
  resolvePackagePath,
} from '@backstage/backend-plugin-api';
import { Knex } from 'knex';
import {
  DailyRollup,
  EntityDailyRollup,
  HISTOGRAM_BUCKETS,
  mergeRollups,
  weekOf,
} from '@teamflow/plugin-delivery-common';

const migrationsDir = resolvePackagePath(
  '@teamflow/plugin-delivery-backend',
  'migrations',
);

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

const CHUNK = 400;
/** PostgreSQL advisory lock serialising queue claims (any fixed number). */
const CLAIM_LOCK = 7_310_205_001;
/** Changes not shipped after this many days are no longer looked for. */
const PENDING_DAYS = 180;
const chunks = <T>(list: T[], size = CHUNK) => {
  const out: T[][] = [];
  for (let i = 0; i < list.length; i += size) out.push(list.slice(i, i + size));
  return out;
};
const num = (x: unknown) => (x === null || x === undefined ? 0 : Number(x));
const optNum = (x: unknown) =>
  x === null || x === undefined ? undefined : Number(x);
const optStr = (x: unknown) =>
  x === null || x === undefined ? undefined : String(x);

const COUNT_COLUMNS = [
  ['deployments', 'deployments'],
  ['successful', 'successful'],
  ['failed', 'failed'],
  ['rework', 'rework'],
  ['with_changes', 'withChanges'],
  ['incidents', 'incidents'],
  ['unlinked_incidents', 'unlinkedIncidents'],
] as const;
const L_COLUMNS = Array.from({ length: HISTOGRAM_BUCKETS }, (_, k) => `l${k}`);
const R_COLUMNS = Array.from({ length: HISTOGRAM_BUCKETS }, (_, k) => `r${k}`);
/** Histograms as one comma-separated text each: reading 64 integer columns per row costs more. */
const packed = (columns: string[], wrap: (c: string) => string) =>
  columns.map(wrap).join(" || ',' || ");
const SUM_COLUMNS = [
  ...COUNT_COLUMNS.map(([c]) => c),
  ...L_COLUMNS,
  ...R_COLUMNS,
];

function rollupFromRow(r: any, day: string, exact: boolean): DailyRollup {
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
  if (exact) {
    out.leadTimes = JSON.parse(r.lead_times);
    out.recoveryTimes = JSON.parse(r.recovery_times);
  }
  return out;
}

function rollupColumns(r: DailyRollup) {
  const row: Record<string, unknown> = { day: r.day, week: weekOf(r.day) };
  for (const [col, key] of COUNT_COLUMNS) row[col] = r[key];
  L_COLUMNS.forEach((c, k) => (row[c] = r.leadHistogram[k]));
  R_COLUMNS.forEach((c, k) => (row[c] = r.recoveryHistogram[k]));
  return row;
}

function deploymentFromRow(r: any): DeploymentRow {
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

function deploymentToRow(d: DeploymentRow) {
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

function changeFromRow(r: any): ChangeRow {
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

function changeToRow(c: ChangeRow) {
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

function incidentFromRow(r: any): IncidentRow {
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

function incidentToRow(i: IncidentRow) {
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

/** Storage of delivery events, their judgement and daily roll-ups. @public */
export class DeliveryStore {
  private constructor(readonly db: Knex) {}

  /**
   * Rows per multi-row insert: SQLite's statement is a compound SELECT,
   * limited to 500 terms.
   */
  private get insertRows() {
    return this.db.client.config.client === 'pg' ? 1000 : 400;
  }

  static async create(options: {
    database: DatabaseService;
    skipMigrations?: boolean;
  }) {
    const db = await options.database.getClient();
    if (!options.database.migrations?.skip && !options.skipMigrations) {
      await db.migrate.latest({ directory: migrationsDir });
    }
    return new DeliveryStore(db);
  }

  /** Rows of a table by id, mapped. */
  private async byIds<T>(
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

  /** Existing rows of these ids, to tell new, duplicate and updated events apart. */
  existingDeployments(ids: string[]) {
    return this.byIds('delivery_deployments', ids, deploymentFromRow);
  }

  existingChanges(ids: string[]) {
    return this.byIds('delivery_changes', ids, changeFromRow);
  }

  existingIncidents(ids: string[]) {
    return this.byIds('delivery_incidents', ids, incidentFromRow);
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

  /** Each entity's ownership timeline (entries in time order). */
  async ownershipTimelines(entityRefs: string[]) {
    const out = new Map<string, OwnershipEntry[]>();
    for (const part of chunks([...new Set(entityRefs)]))
      for (const r of await this.db('delivery_ownership')
        .whereIn('entity_ref', part)
        .orderBy('from_at')) {
        const list = out.get(r.entity_ref) ?? [];
        list.push({
          entityRef: r.entity_ref,
          teamRef: r.team_ref ?? null,
          from: Number(r.from_at),
          source: r.source,
        });
        out.set(r.entity_ref, list);
      }
    return out;
  }

  /** Adds timeline entries (an entry at the same instant is replaced). */
  async recordOwnership(
    entries: Array<OwnershipEntry & { recordedBy?: string }>,
    at: number,
  ) {
    for (const part of chunks(entries, 200))
      await this.db('delivery_ownership')
        .insert(
          part.map(e => ({
            entity_ref: e.entityRef,
            from_at: e.from,
            team_ref: e.teamRef,
            source: e.source,
            recorded_by: e.recordedBy ?? null,
            recorded_at: at,
          })),
        )
        .onConflict(['entity_ref', 'from_at'])
        .merge(['team_ref', 'source', 'recorded_by', 'recorded_at']);
  }

  /**
   * Sets each stored event of the entity to the team `teamAt` gives for its
   * time; returns the events whose team changed (their positions, to judge
   * again) — written with their queue rows in one transaction.
   */
  async reattribute(
    entityRef: string,
    teamAt: (at: number) => string | null,
    queuedAt: number,
  ) {
    return this.db.transaction(async tx => {
      const moved: Array<{ entityRef: string; at: number }> = [];
      for (const [table, column] of [
        ['delivery_deployments', 'finished_at'],
        ['delivery_changes', 'merged_at'],
        ['delivery_incidents', 'started_at'],
      ] as const) {
        const rows = await tx(table)
          .where('entity_ref', entityRef)
          .select('id', 'team_ref', column);
        const byTeam = new Map<string | null, string[]>();
        for (const r of rows) {
          const team = teamAt(Number(r[column]));
          if ((r.team_ref ?? null) === team) continue;
          moved.push({ entityRef, at: Number(r[column]) });
          const list = byTeam.get(team) ?? [];
          list.push(r.id);
          byTeam.set(team, list);
        }
        for (const [team, ids] of byTeam)
          for (const part of chunks(ids))
            await tx(table).whereIn('id', part).update({ team_ref: team });
      }
      // One pair per entity-day is enough to roll the day up again.
      const days = new Map(
        moved.map(m => [Math.floor(m.at / 86_400_000), m] as const),
      );
      for (const part of chunks([...days.values()], this.insertRows))
        await tx('delivery_judge_queue').insert(
          part.map(t => ({
            entity_ref: t.entityRef,
            at: t.at,
            queued_at: queuedAt,
          })),
        );
      return moved.length;
    });
  }

  /** Incidents pinned explicitly on these deployments. */
  async incidentsPinnedOn(deploymentIds: string[]) {
    const out: Array<{ entityRef: string; startedAt: number }> = [];
    for (const part of chunks(deploymentIds))
      for (const r of await this.db('delivery_incidents')
        .whereIn('deployment_id', part)
        .select('entity_ref', 'started_at'))
        out.push({ entityRef: r.entity_ref, startedAt: Number(r.started_at) });
    return out;
  }

  /** Inserts or replaces events (the judgement columns are kept until recomputed). */
  async writeEvents(events: {
    deployments: DeploymentRow[];
    changes: ChangeRow[];
    incidents: IncidentRow[];
    /** (entity, instant) pairs to judge, queued with the events. */
    touched?: Array<{ entityRef: string; at: number }>;
    queuedAt?: number;
  }) {
    await this.db.transaction(async tx => {
      for (const part of chunks(events.touched ?? [], this.insertRows))
        await tx('delivery_judge_queue').insert(
          part.map(t => ({
            entity_ref: t.entityRef,
            at: t.at,
            queued_at: events.queuedAt ?? Date.now(),
          })),
        );
      for (const part of chunks(
        events.deployments.map(deploymentToRow),
        this.insertRows,
      ))
        await tx('delivery_deployments')
          .insert(part)
          .onConflict('id')
          .merge([
            'entity_ref',
            'team_ref',
            'environment',
            'finished_at',
            'status',
            'rollback',
            'change_ids',
            'version',
            'url',
            'source',
            'received_at',
          ]);
      // Each written deployment's explicit list, as rows (replaced).
      for (const part of chunks(events.deployments.map(d => d.id)))
        await tx('delivery_listed_changes')
          .whereIn('deployment_id', part)
          .delete();
      const listed = events.deployments.flatMap(d =>
        [...new Set(d.changeIds ?? [])].map(changeId => ({
          change_id: changeId,
          deployment_id: d.id,
        })),
      );
      for (const part of chunks(listed, this.insertRows))
        await tx('delivery_listed_changes').insert(part);
      for (const part of chunks(
        events.changes.map(changeToRow),
        this.insertRows,
      ))
        await tx('delivery_changes').insert(part).onConflict('id').merge();
      for (const part of chunks(
        events.incidents.map(incidentToRow),
        this.insertRows,
      ))
        await tx('delivery_incidents')
          .insert(part)
          .onConflict('id')
          .merge([
            'entity_ref',
            'team_ref',
            'environment',
            'started_at',
            'resolved_at',
            'deployment_id',
            'title',
            'url',
            'source',
            'received_at',
          ]);
    });
  }

  /**
   * Each entity's deployments in `[from, to)`, only what judging needs to
   * find how far back and forward new events can change verdicts.
   */
  async timeline(entityRefs: string[], from: number, to: number) {
    const out: TimelineRow[] = [];
    for (const part of chunks(entityRefs)) {
      const rows = await this.db('delivery_deployments')
        .whereIn('entity_ref', part)
        .andWhere('finished_at', '>=', from)
        .andWhere('finished_at', '<', to)
        .select(
          'id',
          'entity_ref',
          'environment',
          'finished_at',
          'status',
          'rollback',
          'failed',
        );
      for (const r of rows)
        out.push({
          id: r.id,
          entityRef: r.entity_ref,
          environment: r.environment,
          finishedAt: Number(r.finished_at),
          status: r.status,
          rollback: Boolean(r.rollback),
          failed: Boolean(r.failed),
        });
    }
    return out;
  }

  /**
   * Rows of `table` whose `column` lies in each entity's own range: one
   * query for many entities (a VALUES list joined on entity and range).
   */
  private async inRanges(
    db: Knex,
    table: string,
    column: string,
    ranges: Array<{ entityRef: string; from: number; to: number }>,
    options: { pending?: boolean; links?: boolean } = {},
  ) {
    const out: any[] = [];
    for (const part of chunks(ranges, 300)) {
      const values = part
        .map(
          () =>
            '(cast(? as varchar(255)), cast(? as double precision), cast(? as double precision))',
        )
        .join(', ');
      const bindings = part.flatMap(r => [r.entityRef, r.from, r.to]);
      const links = options.links
        ? ', l.environment as l_environment, l.deployment_id as l_deployment_id, l.lead_time_hours as l_lead_time_hours'
        : '';
      const join = options.links
        ? ' left join delivery_change_deployments l on l.change_id = t.id'
        : '';
      const pending = options.pending ? ' and t.shipped = false' : '';
      // PostgreSQL: a lateral subquery, so each entity is one index range
      // scan whatever the planner guesses of the VALUES list (a guess that
      // otherwise turns into a sequential scan of the table).
      const res = await db.raw(
        db.client.config.client === 'pg'
          ? `with b(ref, lo, hi) as (values ${values})
             select t.*${links} from b cross join lateral (
               select * from ?? c where c.entity_ref = b.ref and c.?? >= b.lo and c.?? < b.hi${pending.replace(
                 't.',
                 'c.',
               )}
             ) t${join}`
          : `with b(ref, lo, hi) as (values ${values})
             select t.*${links} from ?? t
             join b on t.entity_ref = b.ref and t.?? >= b.lo and t.?? < b.hi${pending}${join}`,
        [...bindings, table, column, column],
      );
      out.push(...(Array.isArray(res) ? res : res.rows));
    }
    return out;
  }

  /**
   * Everything needed to judge the events of entities in their bands
   * `[from, to)`: deployments from `before` ahead of the band to `after`
   * past it, incidents from the band on, changes merged from the band on,
   * older changes shipped by deployments in the band or listed by a
   * deployment, and older changes not yet shipped — each change with its
   * current links.
   */
  async loadContext(
    bands: ContextBand[],
    margins: { before: number; after: number },
  ) {
    if (this.db.client.config.client !== 'pg')
      return this.loadContextIn(this.db, bands, margins);
    return this.db.transaction(async tx => {
      // Many short index lookups: compiling them (JIT, on by default when
      // the planner's estimate for a VALUES join is high) costs more than
      // running them.
      await tx.raw('set local jit = off');
      return this.loadContextIn(tx, bands, margins);
    });
  }

  private async loadContextIn(
    db: Knex,
    bands: ContextBand[],
    margins: { before: number; after: number },
  ) {
    // One after another: on PostgreSQL they share one transaction.
    // Each entity's range, from its band.
    const per = (
      from: (b: ContextBand) => number,
      to: (b: ContextBand) => number,
    ) => bands.map(b => ({ entityRef: b.entityRef, from: from(b), to: to(b) }));
    const after = (b: ContextBand) => b.to + margins.after;
    const d = await this.inRanges(
      db,
      'delivery_deployments',
      'finished_at',
      per(b => Math.min(b.changesFrom, b.from - margins.before), after),
    );
    const c = await this.inRanges(
      db,
      'delivery_changes',
      'merged_at',
      per(b => b.changesFrom, after),
      { links: true },
    );
    const p = await this.inRanges(
      db,
      'delivery_changes',
      'merged_at',
      per(
        b => b.changesFrom - PENDING_DAYS * 86_400_000,
        b => b.changesFrom,
      ),
      { pending: true, links: true },
    );
    const i = await this.inRanges(
      db,
      'delivery_incidents',
      'started_at',
      per(b => b.from, after),
    );
    const deployments = d.map(deploymentFromRow);
    const incidents = i.map(incidentFromRow);
    // Deployments an incident is pinned on, wherever they are.
    const loaded = new Set(deployments.map(x => x.id));
    const pinned = [
      ...new Set(
        incidents
          .map(x => x.deploymentId)
          .filter((id): id is string => !!id && !loaded.has(id)),
      ),
    ];
    for (const x of (
      await this.byIds('delivery_deployments', pinned, deploymentFromRow, db)
    ).values())
      deployments.push(x);
    const changes = new Map<string, ChangeRow>();
    const links = new Map<string, ChangeDeploymentRow>();
    const addChange = (r: any) => {
      if (!changes.has(r.id)) changes.set(r.id, changeFromRow(r));
      if (r.l_deployment_id)
        links.set(`${r.id}\u0000${r.l_environment}`, {
          changeId: r.id,
          environment: r.l_environment,
          deploymentId: r.l_deployment_id,
          entityRef: r.entity_ref,
          leadTimeHours: Number(r.l_lead_time_hours),
        });
    };
    for (const r of c) addChange(r);
    for (const r of p) addChange(r);
    // Older changes (merged before those loaded above) shipped by
    // deployments in the band.
    const band = new Map(bands.map(b => [b.entityRef, b]));
    const inBand = deployments.flatMap(x => {
      const b = band.get(x.entityRef);
      return b && x.finishedAt >= b.from && x.finishedAt < b.to
        ? [{ id: x.id, before: b.changesFrom }]
        : [];
    });
    for (const part of chunks(inBand, 300)) {
      const values = part
        .map(() => '(cast(? as varchar(255)), cast(? as double precision))')
        .join(', ');
      const res = await db.raw(
        `with d(id, before) as (values ${values})
         select t.*, l.environment as l_environment,
           l.deployment_id as l_deployment_id, l.lead_time_hours as l_lead_time_hours
         from delivery_change_deployments l0
         join d on d.id = l0.deployment_id
         join delivery_changes t on t.id = l0.change_id and t.merged_at < d.before
         left join delivery_change_deployments l on l.change_id = t.id
         where l0.deployment_id in (${part.map(() => '?').join(', ')})`,
        [...part.flatMap(x => [x.id, x.before]), ...part.map(x => x.id)],
      );
      for (const r of Array.isArray(res) ? res : res.rows) addChange(r);
    }
    // Changes a deployment lists explicitly, wherever they are.
    const listed = [
      ...new Set(
        deployments
          .flatMap(x => x.changeIds ?? [])
          .filter(id => !changes.has(id)),
      ),
    ];
    for (const part of chunks(listed)) {
      const rows = await db('delivery_changes as t')
        .leftJoin('delivery_change_deployments as l', 'l.change_id', 't.id')
        .whereIn('t.id', part)
        .select(
          't.*',
          'l.environment as l_environment',
          'l.deployment_id as l_deployment_id',
          'l.lead_time_hours as l_lead_time_hours',
        );
      for (const r of rows) addChange(r);
    }
    // Where each loaded change is listed (a deployment maybe not loaded:
    // the list decides, in its environment, wherever that deployment is).
    const listedBy = new Map<
      string,
      Array<{ deploymentId: string; environment: string }>
    >();
    for (const l of await this.listingDeployments([...changes.keys()], db)) {
      const list = listedBy.get(l.changeId) ?? [];
      list.push({ deploymentId: l.deploymentId, environment: l.environment });
      listedBy.set(l.changeId, list);
    }
    // Deployments the loaded changes are linked to that were not loaded:
    // when a change leaves one, its day is redone there.
    const loadedNow = new Set(deployments.map(x => x.id));
    const targets = [
      ...new Set(
        [...links.values()]
          .map(l => l.deploymentId)
          .filter(id => !loadedNow.has(id)),
      ),
    ];
    const linkTargets = new Map<
      string,
      { entityRef: string; finishedAt: number }
    >();
    for (const part of chunks(targets))
      for (const r of await db('delivery_deployments')
        .whereIn('id', part)
        .select('id', 'entity_ref', 'finished_at'))
        linkTargets.set(r.id, {
          entityRef: r.entity_ref,
          finishedAt: Number(r.finished_at),
        });
    return {
      deployments,
      changes: [...changes.values()],
      incidents,
      links,
      listedBy,
      linkTargets,
    };
  }

  /**
   * Stores what a judgement changed: verdicts of deployments and incidents,
   * links removed and added, changes' shipped flags, and the entity day rows
   * of the `dirty` (entity, day) pairs (replaced), then the team day and week
   * rows those feed.
   */
  async applyJudgement(j: {
    deployments: DeploymentRow[];
    incidents: IncidentRow[];
    linksRemoved: Array<{ changeId: string; environment: string }>;
    linksAdded: ChangeDeploymentRow[];
    shipped: string[];
    unshipped: string[];
    dirty: Array<{ entityRef: string; day: string }>;
    daily: EntityDailyRollup[];
  }) {
    await this.db.transaction(async tx => {
      // Small writes and aggregates over a few rows: JIT compiling them
      // (triggered by the planner's estimates) costs more than running them.
      if (this.db.client.config.client === 'pg')
        await tx.raw('set local jit = off');
      for (const part of chunks(j.deployments.map(deploymentToRow), 200))
        await tx('delivery_deployments')
          .insert(part)
          .onConflict('id')
          .merge(['failed', 'rework', 'recovery_hours', 'changes']);
      for (const part of chunks(j.incidents.map(incidentToRow), 200))
        await tx('delivery_incidents')
          .insert(part)
          .onConflict('id')
          .merge(['linked_deployment_id']);
      const removedByEnv = new Map<string, string[]>();
      for (const l of j.linksRemoved) {
        const list = removedByEnv.get(l.environment) ?? [];
        list.push(l.changeId);
        removedByEnv.set(l.environment, list);
      }
      for (const [environment, ids] of removedByEnv)
        for (const part of chunks(ids))
          await tx('delivery_change_deployments')
            .where('environment', environment)
            .whereIn('change_id', part)
            .delete();
      for (const part of chunks(
        j.linksAdded.map(c => ({
          change_id: c.changeId,
          environment: c.environment,
          deployment_id: c.deploymentId,
          entity_ref: c.entityRef,
          lead_time_hours: c.leadTimeHours,
        })),
        300,
      ))
        await tx('delivery_change_deployments')
          .insert(part)
          .onConflict(['change_id', 'environment'])
          .merge();
      for (const part of chunks(j.shipped))
        await tx('delivery_changes')
          .whereIn('id', part)
          .update({ shipped: true });
      for (const part of chunks(j.unshipped))
        await tx('delivery_changes')
          .whereIn('id', part)
          .update({ shipped: false });

      // Entity day rows of the dirty pairs, by day.
      const byDay = new Map<string, string[]>();
      for (const d of j.dirty) {
        const list = byDay.get(d.day) ?? [];
        list.push(d.entityRef);
        byDay.set(d.day, list);
      }
      const teams = new Set<string>();
      for (const [day, refs] of byDay)
        for (const part of chunks([...new Set(refs)])) {
          const before = await tx('delivery_entity_daily')
            .whereIn('entity_ref', part)
            .andWhere('day', day)
            .distinct('team_ref');
          for (const r of before) teams.add(r.team_ref);
          await tx('delivery_entity_daily')
            .whereIn('entity_ref', part)
            .andWhere('day', day)
            .delete();
        }
      const rows = j.daily.map(r => {
        teams.add(r.teamRef ?? '');
        return {
          entity_ref: r.entityRef,
          team_ref: r.teamRef ?? '',
          environment: r.environment,
          ...rollupColumns(r),
          lead_times: JSON.stringify(r.leadTimes ?? []),
          recovery_times: JSON.stringify(r.recoveryTimes ?? []),
        };
      });
      for (const part of chunks(rows, 150))
        await tx('delivery_entity_daily').insert(part);
      await this.rebuildTeamDays(tx, [...teams], [...byDay.keys()]);
    });
  }

  private async rebuildTeamDays(tx: Knex, teams: string[], days: string[]) {
    if (!teams.length || !days.length) return;
    for (const part of chunks(teams)) {
      for (const dayPart of chunks(days)) {
        await tx('delivery_team_daily')
          .whereIn('team_ref', part)
          .whereIn('day', dayPart)
          .delete();
        const select = tx('delivery_entity_daily')
          .whereIn('team_ref', part)
          .whereIn('day', dayPart)
          .groupBy('team_ref', 'environment', 'day', 'week')
          .select(
            'team_ref',
            'environment',
            'day',
            'week',
            ...SUM_COLUMNS.map(c => tx.raw('sum(??) as ??', [c, c])),
          );
        await tx
          .into(
            tx.raw('?? (??)', [
              'delivery_team_daily',
              ['team_ref', 'environment', 'day', 'week', ...SUM_COLUMNS],
            ]),
          )
          .insert(select);
      }
    }
    const weeks = [...new Set(days.map(d => weekOf(d)))].sort();
    await this.rebuildTeamWeeks(tx, teams, weeks[0], weeks[weeks.length - 1]);
  }

  /** Week rows of these teams (all teams when undefined) from their day rows. */
  async rebuildTeamWeeks(
    tx: Knex,
    teams: string[] | undefined,
    fromWeek: string,
    toWeek: string,
  ) {
    for (const part of teams ? chunks(teams) : [undefined]) {
      const del = tx('delivery_team_weekly')
        .where('week', '>=', fromWeek)
        .andWhere('week', '<=', toWeek);
      if (part) del.whereIn('team_ref', part);
      await del.delete();
      const select = tx('delivery_team_daily')
        .where('week', '>=', fromWeek)
        .andWhere('week', '<=', toWeek)
        .groupBy('team_ref', 'environment', 'week')
        .select(
          'team_ref',
          'environment',
          'week',
          ...SUM_COLUMNS.map(c => tx.raw('sum(??) as ??', [c, c])),
          tx.raw(
            'sum(case when successful > 0 then 1 else 0 end) as deploy_days',
          ),
        );
      if (part) select.whereIn('team_ref', part);
      await tx
        .into(
          tx.raw('?? (??)', [
            'delivery_team_weekly',
            ['team_ref', 'environment', 'week', ...SUM_COLUMNS, 'deploy_days'],
          ]),
        )
        .insert(select);
    }
  }

  /** Entity day rows (exact durations), of entities or of teams' entities. */
  async entityDays(filter: {
    entityRefs?: string[];
    teamRefs?: string[];
    environment: string;
    fromDay: string;
    toDay: string;
  }): Promise<DailyRollup[]> {
    const out: DailyRollup[] = [];
    const [column, refs] = filter.entityRefs
      ? ['entity_ref', filter.entityRefs]
      : ['team_ref', filter.teamRefs ?? []];
    for (const part of chunks(refs)) {
      const rows = await this.db('delivery_entity_daily')
        .whereIn(column, part)
        .andWhere('environment', filter.environment)
        .andWhere('day', '>=', filter.fromDay)
        .andWhere('day', '<', filter.toDay);
      for (const r of rows) out.push(rollupFromRow(r, r.day, true));
    }
    return out;
  }

  /**
   * Per team over a window: weekly totals (with deploy days) — whole weeks
   * from week rows, the partial weeks at the window's edges from day rows —
   * and the organisation's deploy days. Window totals are the sum of weeks.
   */
  async teamTotals(filter: {
    environment: string;
    fromDay: string;
    toDay: string;
  }) {
    const dayAfter = (d: string, n: number) =>
      new Date(Date.parse(`${d}T00:00:00Z`) + n * 86_400_000)
        .toISOString()
        .slice(0, 10);
    // Whole weeks: from the first Monday at or after fromDay to the Monday
    // of toDay's week (exclusive); the rest are edge days.
    let firstWeek = weekOf(filter.fromDay);
    if (firstWeek < filter.fromDay) firstWeek = dayAfter(firstWeek, 7);
    const lastWeekEnd = weekOf(filter.toDay);
    const queries: Array<Promise<any[]>> = [];
    const whole = firstWeek < lastWeekEnd;
    if (whole) {
      queries.push(
        this.db('delivery_team_weekly')
          .where('environment', filter.environment)
          .andWhere('week', '>=', firstWeek)
          .andWhere('week', '<', lastWeekEnd)
          .select(
            'team_ref',
            'week',
            'deploy_days',
            ...COUNT_COLUMNS.map(([c]) => c),
            this.db.raw(`${packed(L_COLUMNS, c => c)} as lh`),
            this.db.raw(`${packed(R_COLUMNS, c => c)} as rh`),
          ),
      );
    }
    const edges: Array<[string, string]> = whole
      ? [
          [filter.fromDay, firstWeek],
          [lastWeekEnd, filter.toDay],
        ]
      : [[filter.fromDay, filter.toDay]];
    for (const [from, to] of edges) {
      if (from >= to) continue;
      queries.push(
        this.db('delivery_team_daily')
          .where('environment', filter.environment)
          .andWhere('day', '>=', from)
          .andWhere('day', '<', to)
          .groupBy('team_ref', 'week')
          .select(
            'team_ref',
            'week',
            ...COUNT_COLUMNS.map(([c]) => this.db.raw('sum(??) as ??', [c, c])),
            this.db.raw(`${packed(L_COLUMNS, c => `sum(${c})`)} as lh`),
            this.db.raw(`${packed(R_COLUMNS, c => `sum(${c})`)} as rh`),
            this.db.raw(
              'sum(case when successful > 0 then 1 else 0 end) as deploy_days',
            ),
          ),
      );
    }
    const [orgDays, ...parts] = await Promise.all([
      this.db('delivery_team_daily')
        .where('environment', filter.environment)
        .andWhere('day', '>=', filter.fromDay)
        .andWhere('day', '<', filter.toDay)
        .andWhere('successful', '>', 0)
        .countDistinct({ days: 'day' }),
      ...queries,
    ]);
    const weeks = new Map<
      string,
      { teamRef: string; week: string; totals: RollupTotals }
    >();
    for (const rows of parts)
      for (const r of rows) {
        const key = `${r.team_ref}\u0000${r.week}`;
        const row: RollupTotals = {
          ...rollupFromRow(r, String(r.week), false),
          deployDays: num(r.deploy_days),
        };
        const existing = weeks.get(key);
        if (existing) {
          existing.totals = {
            ...mergeRollups(existing.week, [existing.totals, row]),
            deployDays: existing.totals.deployDays + row.deployDays,
          };
        } else {
          weeks.set(key, {
            teamRef: String(r.team_ref),
            week: String(r.week),
            totals: row,
          });
        }
      }
    const teams = new Map<string, RollupTotals>();
    for (const w of weeks.values()) {
      const t = teams.get(w.teamRef);
      teams.set(
        w.teamRef,
        t
          ? {
              ...mergeRollups(filter.fromDay, [t, w.totals]),
              deployDays: t.deployDays + w.totals.deployDays,
            }
          : { ...w.totals, day: filter.fromDay },
      );
    }
    return {
      teams: [...teams.entries()].map(([teamRef, totals]) => ({
        teamRef,
        totals,
      })),
      weeks: [...weeks.values()],
      organisationDeployDays: num(orgDays[0]?.days),
    };
  }

  /** Environments with deployments of these entities or teams. */
  async environments(filter: { entityRefs?: string[]; teamRefs?: string[] }) {
    const q = this.db('delivery_deployments').distinct('environment');
    if (filter.entityRefs) q.whereIn('entity_ref', filter.entityRefs);
    if (filter.teamRefs) q.whereIn('team_ref', filter.teamRefs);
    const rows = await q.limit(50);
    return rows.map(r => String(r.environment)).sort();
  }

  /** Drill-down: the events behind a number, newest first. */
  async drillDown(filter: {
    entityRefs?: string[];
    teamRefs?: string[];
    environment: string;
    from: number;
    to: number;
    only?: 'failed' | 'rework' | 'with-changes' | 'without-changes';
    limit: number;
  }) {
    const [column, refs] = filter.entityRefs
      ? ['entity_ref', filter.entityRefs]
      : ['team_ref', filter.teamRefs ?? []];
    const deps = this.db('delivery_deployments')
      .whereIn(column, refs)
      .andWhere('environment', filter.environment)
      .andWhere('finished_at', '>=', filter.from)
      .andWhere('finished_at', '<', filter.to)
      .orderBy('finished_at', 'desc')
      .limit(filter.limit + 1);
    if (filter.only === 'failed') deps.andWhere('failed', true);
    if (filter.only === 'rework') deps.andWhere('rework', true);
    if (filter.only === 'with-changes') deps.andWhere('changes', '>', 0);
    if (filter.only === 'without-changes') deps.andWhere('changes', 0);
    const depRows = (await deps).map(deploymentFromRow);
    const truncated = depRows.length > filter.limit;
    const deployments = depRows.slice(0, filter.limit);
    const links: Array<ChangeDeploymentRow> = [];
    for (const part of chunks(deployments.map(d => d.id))) {
      const rows = await this.db('delivery_change_deployments')
        .whereIn('deployment_id', part)
        .andWhere('environment', filter.environment);
      links.push(
        ...rows.map(r => ({
          changeId: r.change_id,
          environment: r.environment,
          deploymentId: r.deployment_id,
          entityRef: r.entity_ref,
          leadTimeHours: Number(r.lead_time_hours),
        })),
      );
    }
    const changes = await this.byIds(
      'delivery_changes',
      links.map(l => l.changeId),
      changeFromRow,
    );
    const incidentQuery = this.db('delivery_incidents')
      .whereIn(column, refs)
      .andWhere('environment', filter.environment)
      .andWhere('started_at', '>=', filter.from)
      .andWhere('started_at', '<', filter.to)
      .orderBy('started_at', 'desc')
      .limit(filter.limit);
    const incidents = (await incidentQuery).map(incidentFromRow);
    return { deployments, truncated, links, changes, incidents };
  }

  /**
   * Leases up to `limit` queued pairs to `holder` until `now + leaseMs`:
   * rows nobody holds (or whose lease ended: a drain that died) of entities
   * no other lease covers. The rows stay in the queue until `completeClaim`
   * deletes them, after their verdicts are stored; a backend killed while
   * judging leaves them to be taken again when the lease ends. Claims are
   * serialised (an advisory lock on PostgreSQL, the write lock on SQLite), so
   * two replicas never hold rows of the same entity.
   */
  async claimQueue(
    limit: number,
    holder = 'this',
    leaseMs = 120_000,
    now = Date.now(),
  ) {
    return this.db.transaction(async tx => {
      if (this.db.client.config.client === 'pg')
        await tx.raw('select pg_advisory_xact_lock(?)', [CLAIM_LOCK]);
      // Take SQLite's write lock now, so a second process claims after.
      else
        await tx('delivery_judge_queue')
          .where('id', -1)
          .update({ claimed_by: null });
      const busy = tx('delivery_judge_queue')
        .where('claimed_until', '>', now)
        .distinct('entity_ref');
      const rows = await tx('delivery_judge_queue')
        .where(q =>
          q.whereNull('claimed_until').orWhere('claimed_until', '<=', now),
        )
        .whereNotIn('entity_ref', busy)
        .orderBy('id')
        .limit(limit);
      const ids = rows.map(r => Number(r.id));
      for (const part of chunks(ids, 500))
        await tx('delivery_judge_queue')
          .whereIn('id', part)
          .update({ claimed_by: holder, claimed_until: now + leaseMs });
      return {
        ids,
        rows: rows.map(r => ({
          entityRef: String(r.entity_ref),
          at: Number(r.at),
          queuedAt: Number(r.queued_at),
        })),
      };
    });
  }

  /** Extends a claim's lease (a long claim, judged group after group). */
  async renewClaim(ids: number[], holder: string, until: number) {
    for (const part of chunks(ids, 500))
      await this.db('delivery_judge_queue')
        .whereIn('id', part)
        .andWhere('claimed_by', holder)
        .update({ claimed_until: until });
  }

  /** The claim was judged: its rows leave the queue. */
  async completeClaim(ids: number[], holder: string) {
    for (const part of chunks(ids, 500))
      await this.db('delivery_judge_queue')
        .whereIn('id', part)
        .andWhere('claimed_by', holder)
        .delete();
  }

  /** The claim could not be judged: its rows are free again. */
  async releaseClaim(ids: number[], holder: string) {
    for (const part of chunks(ids, 500))
      await this.db('delivery_judge_queue')
        .whereIn('id', part)
        .andWhere('claimed_by', holder)
        .update({ claimed_by: null, claimed_until: null });
  }

  /** When the earliest lease on queued pairs ends (undefined: none leased). */
  async nextLeaseEnd() {
    const [row] = await this.db('delivery_judge_queue')
      .whereNotNull('claimed_until')
      .min({ until: 'claimed_until' });
    return row?.until === null || row?.until === undefined
      ? undefined
      : Number(row.until);
  }

  /** Queues pairs to judge (again). */
  async requeue(
    rows: Array<{ entityRef: string; at: number; queuedAt: number }>,
  ) {
    for (const part of chunks(rows, 300))
      await this.db('delivery_judge_queue').insert(
        part.map(r => ({
          entity_ref: r.entityRef,
          at: r.at,
          queued_at: r.queuedAt,
        })),
      );
  }

  async queueDepth() {
    const [row] = await this.db('delivery_judge_queue').count({ n: '*' });
    return num(row.n);
  }

  async getState(source: string, key: string) {
    const row = await this.db('delivery_source_state')
      .where({ source, key })
      .first();
    return row ? JSON.parse(row.state) : undefined;
  }

  async setState(source: string, key: string, state: unknown, at: number) {
    await this.db('delivery_source_state')
      .insert({ source, key, state: JSON.stringify(state), updated_at: at })
      .onConflict(['source', 'key'])
      .merge();
  }

  async listStates(source?: string) {
    const q = this.db('delivery_source_state');
    if (source) q.where({ source });
    return (await q).map(r => ({
      source: String(r.source),
      key: String(r.key),
      state: JSON.parse(r.state),
      updatedAt: new Date(Number(r.updated_at)).toISOString(),
    }));
  }

  async countEvents() {
    const [[d], [c], [i]] = await Promise.all([
      this.db('delivery_deployments').count({ n: '*' }),
      this.db('delivery_changes').count({ n: '*' }),
      this.db('delivery_incidents').count({ n: '*' }),
    ]);
    return { deployments: num(d.n), changes: num(c.n), incidents: num(i.n) };
  }
}

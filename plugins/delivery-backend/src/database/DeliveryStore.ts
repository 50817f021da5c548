import { DatabaseService } from '@backstage/backend-plugin-api';
import {
  ChangeRow,
  DeploymentRow,
  IncidentRow,
  StoreBase,
  changeFromRow,
  changeToRow,
  chunks,
  deploymentFromRow,
  deploymentToRow,
  incidentFromRow,
  incidentToRow,
  migrationsDir,
  num,
} from './rows';
import { ContextStore } from './ContextStore';
import { JudgementStore } from './JudgementStore';
import { OwnershipStore } from './OwnershipStore';
import { QueueStore } from './QueueStore';
import { ReadStore } from './ReadStore';
import { StateStore } from './StateStore';

export type {
  ChangeDeploymentRow,
  ChangeRow,
  ContextBand,
  DeploymentRow,
  IncidentRow,
  RollupTotals,
  TimelineRow,
} from './rows';

/** Storage of delivery events, their judgement and daily roll-ups. @public */
export class DeliveryStore extends StoreBase {
  private readonly owners = new OwnershipStore(this.db);
  readonly ownershipTimelines = (
    ...a: Parameters<OwnershipStore['ownershipTimelines']>
  ) =>
    this.owners.ownershipTimelines(...a) as ReturnType<
      OwnershipStore['ownershipTimelines']
    >;
  readonly recordOwnership = (
    ...a: Parameters<OwnershipStore['recordOwnership']>
  ) =>
    this.owners.recordOwnership(...a) as ReturnType<
      OwnershipStore['recordOwnership']
    >;
  readonly reattribute = (...a: Parameters<OwnershipStore['reattribute']>) =>
    this.owners.reattribute(...a) as ReturnType<OwnershipStore['reattribute']>;
  private readonly context = new ContextStore(this.db);
  readonly timeline = (...a: Parameters<ContextStore['timeline']>) =>
    this.context.timeline(...a) as ReturnType<ContextStore['timeline']>;
  readonly loadContext = (...a: Parameters<ContextStore['loadContext']>) =>
    this.context.loadContext(...a) as ReturnType<ContextStore['loadContext']>;
  private readonly judgements = new JudgementStore(this.db);
  readonly applyJudgement = (
    ...a: Parameters<JudgementStore['applyJudgement']>
  ) =>
    this.judgements.applyJudgement(...a) as ReturnType<
      JudgementStore['applyJudgement']
    >;
  readonly rebuildTeamWeeks = (
    ...a: Parameters<JudgementStore['rebuildTeamWeeks']>
  ) =>
    this.judgements.rebuildTeamWeeks(...a) as ReturnType<
      JudgementStore['rebuildTeamWeeks']
    >;
  private readonly reads = new ReadStore(this.db);
  readonly entityDays = (...a: Parameters<ReadStore['entityDays']>) =>
    this.reads.entityDays(...a) as ReturnType<ReadStore['entityDays']>;
  readonly teamWindow = (...a: Parameters<ReadStore['teamWindow']>) =>
    this.reads.teamWindow(...a) as ReturnType<ReadStore['teamWindow']>;
  readonly teamGenerations = () =>
    this.reads.teamGenerations() as ReturnType<ReadStore['teamGenerations']>;
  readonly teamsByWeek = (...a: Parameters<ReadStore['teamsByWeek']>) =>
    this.reads.teamsByWeek(...a) as ReturnType<ReadStore['teamsByWeek']>;
  readonly organisationWeeks = (
    ...a: Parameters<ReadStore['organisationWeeks']>
  ) =>
    this.reads.organisationWeeks(...a) as ReturnType<
      ReadStore['organisationWeeks']
    >;
  readonly storedPoints = (...a: Parameters<ReadStore['storedPoints']>) =>
    this.reads.storedPoints(...a) as ReturnType<ReadStore['storedPoints']>;
  readonly organisationDeployDays = (
    ...a: Parameters<ReadStore['organisationDeployDays']>
  ) =>
    this.reads.organisationDeployDays(...a) as ReturnType<
      ReadStore['organisationDeployDays']
    >;
  readonly environments = (...a: Parameters<ReadStore['environments']>) =>
    this.reads.environments(...a) as ReturnType<ReadStore['environments']>;
  readonly drillDown = (...a: Parameters<ReadStore['drillDown']>) =>
    this.reads.drillDown(...a) as ReturnType<ReadStore['drillDown']>;
  private readonly queue = new QueueStore(this.db);
  readonly claimQueue = (...a: Parameters<QueueStore['claimQueue']>) =>
    this.queue.claimQueue(...a) as ReturnType<QueueStore['claimQueue']>;
  readonly renewClaim = (...a: Parameters<QueueStore['renewClaim']>) =>
    this.queue.renewClaim(...a) as ReturnType<QueueStore['renewClaim']>;
  readonly completeClaim = (...a: Parameters<QueueStore['completeClaim']>) =>
    this.queue.completeClaim(...a) as ReturnType<QueueStore['completeClaim']>;
  readonly releaseClaim = (...a: Parameters<QueueStore['releaseClaim']>) =>
    this.queue.releaseClaim(...a) as ReturnType<QueueStore['releaseClaim']>;
  readonly nextLeaseEnd = (...a: Parameters<QueueStore['nextLeaseEnd']>) =>
    this.queue.nextLeaseEnd(...a) as ReturnType<QueueStore['nextLeaseEnd']>;
  readonly requeue = (...a: Parameters<QueueStore['requeue']>) =>
    this.queue.requeue(...a) as ReturnType<QueueStore['requeue']>;
  readonly queueDepth = (...a: Parameters<QueueStore['queueDepth']>) =>
    this.queue.queueDepth(...a) as ReturnType<QueueStore['queueDepth']>;
  private readonly states = new StateStore(this.db);
  readonly getState = (...a: Parameters<StateStore['getState']>) =>
    this.states.getState(...a) as ReturnType<StateStore['getState']>;
  readonly setState = (...a: Parameters<StateStore['setState']>) =>
    this.states.setState(...a) as ReturnType<StateStore['setState']>;
  readonly listStates = (...a: Parameters<StateStore['listStates']>) =>
    this.states.listStates(...a) as ReturnType<StateStore['listStates']>;

  static async create(options: {
    database: DatabaseService;
    skipMigrations?: boolean;
  }) {
    const db = await options.database.getClient();
    if (!options.database.migrations?.skip && !options.skipMigrations) {
      await db.migrate.latest({ directory: migrationsDir });
    }
    const store = new DeliveryStore(db);
    await store.judgements.upgradeTeamWeeks();
    return store;
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

  /** Each entity's first and last deployment (judging everything again). */
  async entityRanges() {
    const rows: Array<{ entity_ref: string; from: unknown; to: unknown }> =
      await this.db('delivery_deployments')
        .groupBy('entity_ref')
        .select('entity_ref')
        .min({ from: 'finished_at' })
        .max({ to: 'finished_at' });
    return rows.map(r => ({
      entityRef: String(r.entity_ref),
      from: Number(r.from),
      to: Number(r.to),
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

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
  readonly owners = new OwnershipStore(this.db);
  readonly context = new ContextStore(this.db);
  readonly judgements = new JudgementStore(this.db);
  readonly reads = new ReadStore(this.db);
  readonly queue = new QueueStore(this.db);
  readonly states = new StateStore(this.db);

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

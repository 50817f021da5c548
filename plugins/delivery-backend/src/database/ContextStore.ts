import { Knex } from 'knex';
import {
  ChangeDeploymentRow,
  ChangeRow,
  ContextBand,
  PENDING_DAYS,
  StoreBase,
  TimelineRow,
  changeFromRow,
  chunks,
  deploymentFromRow,
  incidentFromRow,
} from './rows';
/** What judging reads: each entity's deployments around its band, and the context of a judgement. */
export class ContextStore extends StoreBase {
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
      // otherwise turns into a sequential scan of the table). `offset 0`
      // keeps it one: without it the planner pulls a plain subquery up
      // into a join, and hashed the list against a parallel scan of all
      // 2,000,000 changes (358 ms for 200 entities, 30 ms by the index).
      const res = await db.raw(
        db.client.config.client === 'pg'
          ? `with b(ref, lo, hi) as (values ${values})
             select t.*${links} from b cross join lateral (
               select * from ?? c where c.entity_ref = b.ref and c.?? >= b.lo and c.?? < b.hi${pending.replace(
                 't.',
                 'c.',
               )} offset 0
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
}

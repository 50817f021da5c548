import { Knex } from 'knex';
import {
  EntityDailyRollup,
  weekMedian,
  weekOf,
} from '@teamflow/plugin-delivery-common';
import {
  ChangeDeploymentRow,
  DeploymentRow,
  IncidentRow,
  L_COLUMNS,
  R_COLUMNS,
  SUM_COLUMNS,
  StoreBase,
  chunks,
  deploymentToRow,
  incidentToRow,
  num,
  rollupColumns,
} from './rows';
import { insertFromRows, withRows } from '@teamflow/plugin-teamflow-node';

const LINKS = {
  table: 'delivery_change_deployments',
  columns: [
    'change_id',
    'environment',
    'deployment_id',
    'entity_ref',
    'lead_time_hours',
  ],
};
const CHANGE_IDS = { table: 'delivery_changes', columns: ['id'] };

/** What judging writes: verdicts, links, shipped flags and the day and week roll-ups. */
export class JudgementStore extends StoreBase {
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
      // The larger writes of a judgement take their rows as one value on
      // PostgreSQL (see withRows).
      await withRows(
        tx,
        j.linksAdded.map(c => ({
          change_id: c.changeId,
          environment: c.environment,
          deployment_id: c.deploymentId,
          entity_ref: c.entityRef,
          lead_time_hours: c.leadTimeHours,
        })),
        LINKS,
        `${insertFromRows(LINKS)}
         on conflict (change_id, environment) do update set
           deployment_id = excluded.deployment_id,
           entity_ref = excluded.entity_ref,
           lead_time_hours = excluded.lead_time_hours`,
      );
      for (const [ids, shipped] of [
        [j.shipped, true],
        [j.unshipped, false],
      ] as const)
        await withRows(
          tx,
          ids.map(id => ({ id })),
          CHANGE_IDS,
          'update delivery_changes set shipped = ? where id in (select id from v)',
          [shipped],
        );

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
      if (rows.length) {
        const daily = {
          table: 'delivery_entity_daily',
          columns: Object.keys(rows[0]),
        };
        await withRows(tx, rows, daily, insertFromRows(daily));
      }
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

  /**
   * Week rows of these teams (all teams when undefined, a week at a time)
   * from their day rows, with the medians of their trend points.
   */
  async rebuildTeamWeeks(
    tx: Knex,
    teams: string[] | undefined,
    fromWeek: string,
    toWeek: string,
  ) {
    if (!teams) {
      const weeks = await tx('delivery_team_daily')
        .where('week', '>=', fromWeek)
        .andWhere('week', '<=', toWeek)
        .distinct('week')
        .orderBy('week');
      await tx('delivery_team_weekly')
        .where('week', '>=', fromWeek)
        .andWhere('week', '<=', toWeek)
        .delete();
      for (const { week } of weeks)
        await this.writeTeamWeeks(tx, undefined, week, week);
    } else
      for (const part of chunks(teams)) {
        await tx('delivery_team_weekly')
          .where('week', '>=', fromWeek)
          .andWhere('week', '<=', toWeek)
          .whereIn('team_ref', part)
          .delete();
        await this.writeTeamWeeks(tx, part, fromWeek, toWeek);
      }
    // Last, so the teams' generation rows are held only until the commit.
    await this.raiseGenerations(tx, teams);
  }

  /**
   * Raises the generation of these teams (every team with day rows when
   * undefined) in the transaction that rewrites their rows: an organisation
   * answer kept in memory on any replica reads a team again once its
   * generation moved. In team order, so two transactions never wait on each
   * other's generations in a cycle.
   */
  private async raiseGenerations(tx: Knex, teams: string[] | undefined) {
    const table = 'delivery_team_generations';
    const refs =
      teams ??
      (await tx('delivery_team_daily').distinct('team_ref')).map(r =>
        String(r.team_ref),
      );
    for (const part of chunks([...new Set(refs)].sort()))
      await tx(table)
        .insert(part.map(team_ref => ({ team_ref, generation: 1 })))
        .onConflict('team_ref')
        .merge({ generation: tx.raw('??.?? + 1', [table, 'generation']) });
  }

  private async writeTeamWeeks(
    tx: Knex,
    teams: string[] | undefined,
    fromWeek: string,
    toWeek: string,
  ) {
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
    if (teams) select.whereIn('team_ref', teams);
    const rows = (await select).map(r => {
      const out: Record<string, unknown> = {
        team_ref: r.team_ref,
        environment: r.environment,
        week: r.week,
        deploy_days: num(r.deploy_days),
        lead_median: weekMedian(
          undefined,
          L_COLUMNS.map(c => num(r[c])),
        ),
        recovery_median: weekMedian(
          undefined,
          R_COLUMNS.map(c => num(r[c])),
        ),
        has_points: true,
      };
      for (const c of SUM_COLUMNS) out[c] = num(r[c]);
      return out;
    });
    for (const part of chunks(rows, 150))
      await tx('delivery_team_weekly').insert(part);
  }

  /** Week rows written before they kept their trend points, recomputed. */
  async upgradeTeamWeeks() {
    const stale = await this.db('delivery_team_weekly')
      .where('has_points', false)
      .min({ from: 'week' })
      .max({ to: 'week' });
    if (!stale[0]?.from) return;
    await this.db.transaction(tx =>
      this.rebuildTeamWeeks(tx, undefined, stale[0].from, stale[0].to),
    );
  }
}

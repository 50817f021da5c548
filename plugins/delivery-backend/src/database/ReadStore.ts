import {
  DailyRollup,
  mergeRollups,
  weekOf,
} from '@teamflow/plugin-delivery-common';
import {
  COUNT_COLUMNS,
  ChangeDeploymentRow,
  L_COLUMNS,
  R_COLUMNS,
  RollupTotals,
  StoreBase,
  changeFromRow,
  chunks,
  deploymentFromRow,
  incidentFromRow,
  num,
  packed,
  rollupFromRow,
} from './rows';
/** What reading asks: day rows of entities and teams, team totals, environments, drill-down. */
export class ReadStore extends StoreBase {
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
}

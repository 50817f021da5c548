import { DailyRollup, WeekCounts } from '@teamflow/plugin-delivery-common';
import {
  COUNT_COLUMNS,
  ChangeDeploymentRow,
  EXACT_COLUMNS,
  L_COLUMNS,
  R_COLUMNS,
  RollupTotals,
  SUM_COLUMNS,
  StoreBase,
  changeFromRow,
  chunks,
  deploymentFromRow,
  exactRollupFromRow,
  incidentFromRow,
  num,
  packed,
  rollupFromRow,
  wholeWeeksOf,
} from './rows';

type WindowFilter = { environment: string; fromDay: string; toDay: string };

/** Sums of rows of one week (a window's edge week: its days inside). */
export type WeekSums = {
  week: string;
  rollup: DailyRollup;
  deployDays: number;
  /** Rows summed: a week without any is absent, not zero. */
  rows: number;
};

function weekSumsFromRow(r: any): WeekSums {
  return {
    week: String(r.week),
    rollup: rollupFromRow(r, String(r.week)),
    deployDays: num(r.deploy_days),
    rows: num(r.row_count),
  };
}

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
        .select(EXACT_COLUMNS)
        .whereIn(column, part)
        .andWhere('environment', filter.environment)
        .andWhere('day', '>=', filter.fromDay)
        .andWhere('day', '<', filter.toDay);
      for (const r of rows) out.push(exactRollupFromRow(r));
    }
    return out;
  }

  /** Each team's generation (raised whenever its roll-ups are rewritten). */
  async teamGenerations(): Promise<Map<string, number>> {
    const rows = await this.db('delivery_team_generations').select(
      'team_ref',
      'generation',
    );
    return new Map(rows.map(r => [String(r.team_ref), num(r.generation)]));
  }

  /**
   * Every team over a window, summed in the database: the window's totals
   * per team, the organisation's summed weeks, and (when `teamWeeks`) each
   * team's counts and medians of the window's complete weeks, as their week
   * rows keep them. Whole weeks come from week rows, edge days from day rows.
   */
  async teamWindow(filter: WindowFilter & { teamWeeks: boolean }) {
    const w = this.windowOf(filter);
    // Per team and per week: on PostgreSQL one pass (grouping sets, the
    // rows of a team grouping have a null week), elsewhere two.
    const sums = async (): Promise<[any[], any[]]> => {
      if (this.db.client.config.client !== 'pg')
        return Promise.all([
          this.db
            .from(w.rowsInside())
            .groupBy('team_ref')
            .select('team_ref', ...w.sumColumns),
          w.byWeek(),
        ]);
      const rows = await this.db
        .from(w.rowsInside())
        .groupByRaw('grouping sets ((team_ref), (week))')
        .select('team_ref', 'week', ...w.sumColumns);
      return [
        rows.filter(r => r.week === null),
        rows.filter(r => r.week !== null),
      ];
    };
    const [organisationDeployDays, [teamRows, orgWeekRows], teamWeeks] =
      await Promise.all([
        this.organisationDeployDays(filter),
        sums(),
        filter.teamWeeks ? this.storedPoints(filter) : new Map(),
      ]);
    return {
      teams: teamRows.map(r => ({
        teamRef: String(r.team_ref),
        totals: {
          ...rollupFromRow(r, filter.fromDay),
          deployDays: num(r.deploy_days),
        } as RollupTotals,
      })),
      organisationWeeks: orgWeekRows.map(weekSumsFromRow),
      teamWeeks,
      organisationDeployDays,
    };
  }

  /** The organisation's weeks of a window (every team's rows summed by week). */
  async organisationWeeks(filter: WindowFilter): Promise<WeekSums[]> {
    return (await this.windowOf(filter).byWeek()).map(weekSumsFromRow);
  }

  /**
   * These teams' sums per week of a window (edge weeks: their days inside);
   * every team's without `teamRefs`.
   */
  async teamsByWeek(
    filter: WindowFilter & { teamRefs?: string[] },
  ): Promise<Map<string, WeekSums[]>> {
    const w = this.windowOf(filter);
    const out = new Map<string, WeekSums[]>();
    const parts = filter.teamRefs ? chunks(filter.teamRefs) : [undefined];
    for (const part of parts)
      for (const r of await this.db
        .from(w.rowsInside(part))
        .groupBy('team_ref', 'week')
        .select('team_ref', 'week', ...w.sumColumns)) {
        const team = String(r.team_ref);
        if (!out.has(team)) out.set(team, []);
        out.get(team)!.push(weekSumsFromRow(r));
      }
    return out;
  }

  /**
   * Each team's stored trend points over the window's whole weeks (of these
   * teams only, when given), read as one text per team of values apart by
   * spaces, seven a week: 2,000 rows to decode instead of 24,000 (decoding
   * them was most of the answer's time in Node).
   */
  async storedPoints(filter: WindowFilter & { teamRefs?: string[] }) {
    const w = this.windowOf(filter);
    const out = new Map<string, Map<string, WeekCounts>>();
    if (!w.whole) return out;
    const pg = this.db.client.config.client === 'pg';
    const text = (c: string) => `coalesce(cast(${c} as text), '')`;
    const point = [
      'week',
      ...[
        'deployments',
        'successful',
        'failed',
        'rework',
        'lead_median',
        'recovery_median',
      ].map(text),
    ].join(` || ' ' || `);
    const read = (teams?: string[]) => {
      const q = w.weekRows();
      if (teams) q.whereIn('team_ref', teams);
      return q
        .groupBy('team_ref')
        .select(
          'team_ref',
          this.db.raw(
            pg
              ? `string_agg(${point}, ' ') as points`
              : `group_concat(${point}, ' ') as points`,
          ),
        );
    };
    const rows: any[] = [];
    if (!filter.teamRefs) rows.push(...(await read()));
    else
      for (const part of chunks(filter.teamRefs))
        rows.push(...(await read(part)));
    for (const r of rows) {
      const weeks = new Map<string, WeekCounts>();
      const v = String(r.points).split(' ');
      for (let i = 0; i + 6 < v.length; i += 7)
        weeks.set(v[i], {
          deployments: Number(v[i + 1]),
          successful: Number(v[i + 2]),
          failed: Number(v[i + 3]),
          rework: Number(v[i + 4]),
          leadMedian: v[i + 5] === '' ? null : Number(v[i + 5]),
          recoveryMedian: v[i + 6] === '' ? null : Number(v[i + 6]),
        });
      out.set(String(r.team_ref), weeks);
    }
    return out;
  }

  /**
   * The organisation's deploy days (days with a successful deployment of
   * any team): a loose index scan, one probe of the deploy index per day
   * (recursive, each step the next such day), instead of reading every
   * team's day rows of the window (17 → 0.7 ms at 2,000 teams).
   */
  async organisationDeployDays(filter: WindowFilter): Promise<number> {
    const next = (after: string) =>
      `(select t.day from delivery_team_daily t where t.environment = ?
         and t.day ${after} and t.day < ? and t.successful > 0
         order by t.day limit 1)`;
    const answer = await this.db.raw(
      `with recursive d(day) as (
         select ${next('>= ?')}
         union all
         select ${next('> d.day')} from d where d.day is not null)
       select count(day) as days from d`,
      [
        filter.environment,
        filter.fromDay,
        filter.toDay,
        filter.environment,
        filter.toDay,
      ],
    );
    return num((answer.rows ?? answer)[0]?.days);
  }

  /** The rows of a window: whole weeks from week rows, edge days from day rows. */
  private windowOf(filter: WindowFilter) {
    // Whole weeks from week rows; the rest are edge days.
    const { firstWeek, lastWeekEnd, whole } = wholeWeeksOf(
      filter.fromDay,
      filter.toDay,
    );
    const edges = (
      whole
        ? [
            [filter.fromDay, firstWeek],
            [lastWeekEnd, filter.toDay],
          ]
        : [[filter.fromDay, filter.toDay]]
    ).filter(([from, to]) => from < to);
    const weekRows = () =>
      this.db('delivery_team_weekly')
        .where('environment', filter.environment)
        .andWhere('week', '>=', firstWeek)
        .andWhere('week', '<', lastWeekEnd);
    const dayRows = ([from, to]: string[]) =>
      this.db('delivery_team_daily')
        .where('environment', filter.environment)
        .andWhere('day', '>=', from)
        .andWhere('day', '<', to);
    // Every row inside the window once: week rows and edge day rows (of
    // these teams only, when given).
    const rowsInside = (teams?: string[]) => {
      const parts = [
        ...(whole
          ? [
              weekRows().select(
                'team_ref',
                'week',
                ...SUM_COLUMNS,
                'deploy_days',
              ),
            ]
          : []),
        ...edges.map(e =>
          dayRows(e).select(
            'team_ref',
            'week',
            ...SUM_COLUMNS,
            this.db.raw(
              'case when successful > 0 then 1 else 0 end as deploy_days',
            ),
          ),
        ),
      ];
      if (teams) for (const part of parts) part.whereIn('team_ref', teams);
      const [first, ...rest] = parts;
      return (rest.length ? first.unionAll(rest) : first).as('inside');
    };
    // The sums, and how many rows each is of (a week without rows is no
    // week, not a week of zeros).
    const sumColumns = [
      ...[...COUNT_COLUMNS.map(([c]) => c), 'deploy_days'].map(c =>
        this.db.raw('sum(??) as ??', [c, c]),
      ),
      this.db.raw(`${packed(L_COLUMNS, c => `sum(${c})`)} as lh`),
      this.db.raw(`${packed(R_COLUMNS, c => `sum(${c})`)} as rh`),
      this.db.raw('count(*) as row_count'),
    ];
    const byWeek = () =>
      this.db
        .from(rowsInside())
        .groupBy('week')
        .select('week', ...sumColumns);
    return { whole, weekRows, rowsInside, sumColumns, byWeek };
  }

  /**
   * Environments with judged events (day rows) of these entities or teams:
   * read from the day rows' indexes rather than every deployment row (a
   * team's thousand deployments cost ~30 ms at 2,000,000 deployments).
   */
  async environments(filter: { entityRefs?: string[]; teamRefs?: string[] }) {
    const q = this.db('delivery_entity_daily').distinct('environment');
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

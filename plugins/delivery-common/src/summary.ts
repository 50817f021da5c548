import { Rate, rate } from './metrics';
import { SummaryDistribution, spread } from './histogram';
import { WeekPoint, weekOf, trendOf } from './weekly';
import { DailyRollup, mergeRollups } from './dailyRollup';

/** The five metrics of one scope and window, from daily roll-ups. @public */
export type FlowSummary = {
  window: { from: string; to: string; days: number };
  deploymentFrequency: {
    deployments: number;
    perDay: number;
    deployDaysPerWeek: number;
  };
  leadTimeHours: SummaryDistribution;
  changeFailRate: Rate;
  recoveryTimeHours: SummaryDistribution;
  reworkRate: Rate;
  coverage: {
    deployments: number;
    deploymentsWithChanges: number;
    incidents: number;
    incidentsWithoutDeployment: number;
  };
  trend: WeekPoint[];
};

/**
 * The five metrics over `[from, to)` from day rows (any mix of entities or
 * teams; rows of the same day are added). Percentiles are exact when every
 * row keeps its durations, approximate (histogram) otherwise. The weekly
 * trend holds every week the window touches.
 *
 * @public
 */
export function summariseRollups(
  rows: DailyRollup[],
  window: { from: string; to: string },
  minimumSample: number,
): FlowSummary {
  const fromDay = window.from.slice(0, 10);
  const toDay = window.to.slice(0, 10);
  const byDay = new Map<string, DailyRollup[]>();
  for (const r of rows) {
    if (r.day < fromDay || r.day >= toDay) continue;
    const list = byDay.get(r.day);
    if (list) list.push(r);
    else byDay.set(r.day, [r]);
  }
  const days = [...byDay.entries()].map(([day, list]) =>
    mergeRollups(day, list),
  );
  const byWeek = new Map<string, DailyRollup[]>();
  for (const d of days) {
    const list = byWeek.get(weekOf(d.day));
    if (list) list.push(d);
    else byWeek.set(weekOf(d.day), [d]);
  }
  return summariseTotals(
    {
      ...mergeRollups(fromDay, days),
      deployDays: days.filter(d => d.successful > 0).length,
    },
    [...byWeek.entries()].map(([week, list]) => mergeRollups(week, list)),
    window,
    minimumSample,
  );
}

/**
 * The five metrics from totals already summed over the window (with the
 * number of deploy days) and the weeks — one summed row per week, or the
 * trend points themselves (as team week rows keep them), or null for no
 * trend. How the organisation page reads team week rows without merging
 * days again. Same numbers as {@link summariseRollups} over the days behind
 * them.
 *
 * @public
 */
export function summariseTotals(
  totals: DailyRollup & { deployDays: number },
  weeks: DailyRollup[] | WeekPoint[] | null,
  window: { from: string; to: string },
  minimumSample: number,
): FlowSummary {
  const windowDays = Math.max(
    1,
    Math.round((Date.parse(window.to) - Date.parse(window.from)) / 86_400_000),
  );
  let trend: WeekPoint[] = [];
  if (weeks?.length && 'leadTimeMedianHours' in weeks[0])
    trend = weeks as WeekPoint[];
  else if (weeks) trend = trendOf(weeks as DailyRollup[], window);
  return {
    window: { from: window.from, to: window.to, days: windowDays },
    deploymentFrequency: {
      deployments: totals.successful,
      perDay: Math.round((totals.successful / windowDays) * 100) / 100,
      deployDaysPerWeek:
        Math.round((totals.deployDays / windowDays) * 7 * 100) / 100,
    },
    leadTimeHours: spread(
      totals.leadTimes,
      totals.leadHistogram,
      minimumSample,
    ),
    changeFailRate: rate(totals.failed, totals.deployments, minimumSample),
    recoveryTimeHours: spread(
      totals.recoveryTimes,
      totals.recoveryHistogram,
      minimumSample,
    ),
    reworkRate: rate(totals.rework, totals.deployments, minimumSample),
    coverage: {
      deployments: totals.deployments,
      deploymentsWithChanges: totals.deployments
        ? Math.round((totals.withChanges / totals.deployments) * 1000) / 1000
        : 0,
      incidents: totals.incidents,
      incidentsWithoutDeployment: totals.unlinkedIncidents,
    },
    trend,
  };
}

/**
 * Daily roll-ups: what the backend stores per entity, team, environment and
 * day so that a summary over any window adds up days instead of rescanning
 * events. Entity rows keep every lead time and recovery time (exact
 * percentiles for a component, system or team); team rows keep only a
 * histogram (percentiles for the whole organisation by team are marked
 * approximate, within one bucket: a factor of √2).
 */
import {
  ChangeEvent,
  DeploymentEvent,
  Distribution,
  FlowAttribution,
  IncidentEvent,
  Rate,
  distribution,
  rate,
} from './metrics';

/** Histogram buckets: upper bounds 0.125 h × √2^k, the last one open. @public */
export const HISTOGRAM_BUCKETS = 32;

/** @public */
export function bucketUpperHours(k: number) {
  return k >= HISTOGRAM_BUCKETS - 1 ? Infinity : 0.125 * Math.SQRT2 ** k;
}

/** The bucket a duration in hours falls in. @public */
export function bucketOf(hours: number) {
  if (hours <= 0.125) return 0;
  const k = Math.ceil(2 * Math.log2(hours / 0.125) - 1e-9);
  return Math.min(HISTOGRAM_BUCKETS - 1, Math.max(0, k));
}

/** One day of one scope. @public */
export type DailyRollup = {
  /** YYYY-MM-DD (UTC) */
  day: string;
  /** All deployments to the environment that finished that day. */
  deployments: number;
  successful: number;
  failed: number;
  rework: number;
  /** Deployments with at least one change attributed. */
  withChanges: number;
  /** Incidents that started that day, and those linked to no deployment. */
  incidents: number;
  unlinkedIncidents: number;
  /** Exact durations in hours, when the row keeps them (entity rows). */
  leadTimes?: number[];
  recoveryTimes?: number[];
  leadHistogram: number[];
  recoveryHistogram: number[];
};

/** @public */
export function emptyRollup(day: string): DailyRollup {
  return {
    day,
    deployments: 0,
    successful: 0,
    failed: 0,
    rework: 0,
    withChanges: 0,
    incidents: 0,
    unlinkedIncidents: 0,
    leadTimes: [],
    recoveryTimes: [],
    leadHistogram: new Array(HISTOGRAM_BUCKETS).fill(0),
    recoveryHistogram: new Array(HISTOGRAM_BUCKETS).fill(0),
  };
}

/** A day row of one entity, owned by one team at event time. @public */
export type EntityDailyRollup = DailyRollup & {
  entityRef: string;
  teamRef: string | null;
  environment: string;
};

const dayOf = (iso: string) => new Date(iso).toISOString().slice(0, 10);

/**
 * Rolls judged events of one environment up per entity, owning team (at
 * event time) and day. Lead times count on the day of the deployment that
 * shipped the change, recovery on the day of the failed deployment,
 * incidents on the day they started. Only days in `days` (when given) are
 * produced — the backend recomputes the days it has full context for.
 *
 * @public
 */
export function rollupDays(input: {
  environment: string;
  deployments: Array<DeploymentEvent & { teamRef?: string | null }>;
  changes: ChangeEvent[];
  incidents: Array<IncidentEvent & { teamRef?: string | null }>;
  attribution: FlowAttribution;
  days?: (day: string) => boolean;
}): EntityDailyRollup[] {
  const rows = new Map<string, EntityDailyRollup>();
  const row = (entityRef: string, teamRef: string | null, day: string) => {
    const key = `${entityRef}\u0000${teamRef ?? ''}\u0000${day}`;
    let r = rows.get(key);
    if (!r) {
      r = {
        ...emptyRollup(day),
        entityRef,
        teamRef,
        environment: input.environment,
      };
      rows.set(key, r);
    }
    return r;
  };
  const wanted = input.days ?? (() => true);
  const a = input.attribution;
  const shipped = new Map<string, number[]>();
  for (const [change, dep] of Object.entries(a.changeDeployment)) {
    const list = shipped.get(dep);
    if (list) list.push(a.leadTimeHours[change]);
    else shipped.set(dep, [a.leadTimeHours[change]]);
  }
  for (const dep of input.deployments) {
    if (dep.environment !== input.environment) continue;
    const day = dayOf(dep.finishedAt);
    if (!wanted(day)) continue;
    const r = row(dep.entityRef, dep.teamRef ?? null, day);
    r.deployments += 1;
    if (dep.status === 'success') r.successful += 1;
    if (a.failed.has(dep.id)) r.failed += 1;
    if (a.rework.has(dep.id)) r.rework += 1;
    const leads = shipped.get(dep.id) ?? [];
    if (leads.length) r.withChanges += 1;
    for (const h of leads) {
      r.leadTimes!.push(h);
      r.leadHistogram[bucketOf(h)] += 1;
    }
    const rec = a.recoveryHours[dep.id];
    if (rec !== undefined) {
      r.recoveryTimes!.push(rec);
      r.recoveryHistogram[bucketOf(rec)] += 1;
    }
  }
  for (const inc of input.incidents) {
    const day = dayOf(inc.startedAt);
    if (!wanted(day)) continue;
    const r = row(inc.entityRef, inc.teamRef ?? null, day);
    r.incidents += 1;
    if (!a.incidentDeployment[inc.id]) r.unlinkedIncidents += 1;
  }
  return [...rows.values()];
}

/** A distribution, marked approximate when it came from histograms. @public */
export type SummaryDistribution = Distribution & { approximate?: boolean };

/** The complete weeks of a trend (what charts and comparisons use). @public */
export function completeWeeks(trend: WeekPoint[]) {
  return trend.filter(w => w.days === 7);
}

/** One week of the trend. @public */
export type WeekPoint = {
  /** Monday, YYYY-MM-DD */
  week: string;
  /**
   * Days of this week inside the window (7: a complete week). The first and
   * last weeks of a window are often partial: plot and compare complete
   * weeks only, so a week in progress never reads as a drop.
   */
  days: number;
  deployments: number;
  leadTimeMedianHours: number | null;
  changeFailRate: number | null;
  recoveryMedianHours: number | null;
  reworkRate: number | null;
};

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

function histogramQuantile(h: number[], n: number, q: number) {
  const target = (n - 1) * q;
  let seen = 0;
  for (let k = 0; k < h.length; k++) {
    if (!h[k]) continue;
    if (seen + h[k] > target) {
      const lower = k === 0 ? 0 : bucketUpperHours(k - 1);
      const upper = bucketUpperHours(k);
      if (upper === Infinity) return lower;
      // spread the bucket's observations evenly over its range
      return lower + ((upper - lower) * (target - seen + 0.5)) / h[k];
    }
    seen += h[k];
  }
  return 0;
}

function spread(
  exact: number[] | undefined,
  histogram: number[],
  minimumSample: number,
): SummaryDistribution {
  const n = histogram.reduce((s, x) => s + x, 0);
  if (exact) return distribution(exact, minimumSample);
  if (n < minimumSample) return { status: 'not-enough-data', n };
  const r2 = (x: number) => Math.round(x * 100) / 100;
  return {
    status: 'ok',
    n,
    median: r2(histogramQuantile(histogram, n, 0.5)),
    p75: r2(histogramQuantile(histogram, n, 0.75)),
    p90: r2(histogramQuantile(histogram, n, 0.9)),
    approximate: true,
  };
}

const addInto = (target: number[], source: number[]) => {
  for (let k = 0; k < source.length; k++) target[k] += source[k];
};

/** Adds rows of the same day (several entities or teams) into one. @public */
export function mergeRollups(day: string, rows: DailyRollup[]): DailyRollup {
  const out = emptyRollup(day);
  let exact = true;
  for (const r of rows) {
    out.deployments += r.deployments;
    out.successful += r.successful;
    out.failed += r.failed;
    out.rework += r.rework;
    out.withChanges += r.withChanges;
    out.incidents += r.incidents;
    out.unlinkedIncidents += r.unlinkedIncidents;
    addInto(out.leadHistogram, r.leadHistogram);
    addInto(out.recoveryHistogram, r.recoveryHistogram);
    if (r.leadTimes && r.recoveryTimes) {
      out.leadTimes!.push(...r.leadTimes);
      out.recoveryTimes!.push(...r.recoveryTimes);
    } else exact = false;
  }
  if (!exact) {
    delete out.leadTimes;
    delete out.recoveryTimes;
  }
  return out;
}

/** Monday of the ISO week of a YYYY-MM-DD day. @public */
export function weekOf(day: string) {
  const d = new Date(`${day}T00:00:00Z`);
  const back = (d.getUTCDay() + 6) % 7;
  return new Date(d.getTime() - back * 86_400_000).toISOString().slice(0, 10);
}

/**
 * Every week a window touches (Mondays), with the number of its days inside
 * the window.
 *
 * @public
 */
export function windowWeeks(window: { from: string; to: string }) {
  const from = Date.parse(`${window.from.slice(0, 10)}T00:00:00Z`);
  const to = Date.parse(`${window.to.slice(0, 10)}T00:00:00Z`);
  const out: Array<{ week: string; days: number }> = [];
  const first = Date.parse(`${weekOf(window.from.slice(0, 10))}T00:00:00Z`);
  for (let t = first; t < to; t += 7 * 86_400_000)
    out.push({
      week: new Date(t).toISOString().slice(0, 10),
      days: Math.round(
        (Math.min(t + 7 * 86_400_000, to) - Math.max(t, from)) / 86_400_000,
      ),
    });
  return out;
}

/**
 * The median of a week (at least one observation, else null): exact from
 * durations when the row keeps them, else from its histogram — the value a
 * stored week row keeps as its trend point.
 *
 * @public
 */
export function weekMedian(exact: number[] | undefined, histogram: number[]) {
  const s = spread(exact, histogram, 1);
  return s.status === 'ok' ? s.median : null;
}

/**
 * A week's counts and medians, as a team week row keeps them.
 *
 * @public
 */
export type WeekCounts = {
  deployments: number;
  successful: number;
  failed: number;
  rework: number;
  leadMedian: number | null;
  recoveryMedian: number | null;
};

/** A share of a week's deployments (three decimals), null without any. */
const weekRatio = (w: WeekCounts | undefined, x: number | undefined) =>
  w?.deployments ? Math.round(((x ?? 0) / w.deployments) * 1000) / 1000 : null;

/**
 * A week's trend point from its counts and medians (an empty point without
 * them): deployments are the successful ones, rates over all deployments.
 *
 * @public
 */
export function weekPoint(
  week: string,
  days: number,
  w: WeekCounts | undefined,
): WeekPoint {
  return {
    week,
    days,
    deployments: w?.successful ?? 0,
    leadTimeMedianHours: w?.leadMedian ?? null,
    changeFailRate: weekRatio(w, w?.failed),
    recoveryMedianHours: w?.recoveryMedian ?? null,
    reworkRate: weekRatio(w, w?.rework),
  };
}

/**
 * A weekly trend as one column per metric: value i belongs to week i of the
 * weeks it goes with (the organisation answer's `weeks`). The organisation
 * page sends thousands of team trends this way: a point object per week
 * made most of its answer, and most of the time spent turning it into JSON.
 *
 * @public
 */
export type WeeklySeries = {
  deployments: number[];
  leadTimeMedianHours: Array<number | null>;
  changeFailRate: Array<number | null>;
  recoveryMedianHours: Array<number | null>;
  reworkRate: Array<number | null>;
};

/**
 * The series of `weeks` from a week's counts and medians (weeks without
 * counts are empty): the same values as {@link weekPoint}.
 *
 * @public
 */
export function weeklySeries(
  weeks: string[],
  counts: Map<string, WeekCounts> | undefined,
): WeeklySeries {
  const n = weeks.length;
  const out: WeeklySeries = {
    deployments: new Array(n),
    leadTimeMedianHours: new Array(n),
    changeFailRate: new Array(n),
    recoveryMedianHours: new Array(n),
    reworkRate: new Array(n),
  };
  for (let i = 0; i < n; i++) {
    const w = counts?.get(weeks[i]);
    out.deployments[i] = w?.successful ?? 0;
    out.leadTimeMedianHours[i] = w?.leadMedian ?? null;
    out.changeFailRate[i] = weekRatio(w, w?.failed);
    out.recoveryMedianHours[i] = w?.recoveryMedian ?? null;
    out.reworkRate[i] = weekRatio(w, w?.rework);
  }
  return out;
}

/**
 * The trend points of a series over complete weeks (no points without a
 * series): what a chart or a comparison of weeks reads.
 *
 * @public
 */
export function seriesTrend(
  weeks: string[],
  series: WeeklySeries | undefined,
): WeekPoint[] {
  if (!series) return [];
  return weeks.map((week, i) => ({
    week,
    days: 7,
    deployments: series.deployments[i],
    leadTimeMedianHours: series.leadTimeMedianHours[i],
    changeFailRate: series.changeFailRate[i],
    recoveryMedianHours: series.recoveryMedianHours[i],
    reworkRate: series.reworkRate[i],
  }));
}

/** The counts and medians of a summed week row. @public */
export function weekCounts(w: DailyRollup): WeekCounts {
  return {
    deployments: w.deployments,
    successful: w.successful,
    failed: w.failed,
    rework: w.rework,
    leadMedian: weekMedian(w.leadTimes, w.leadHistogram),
    recoveryMedian: weekMedian(w.recoveryTimes, w.recoveryHistogram),
  };
}

/**
 * A window's weekly trend from one summed row per week (weeks without a
 * row are empty points).
 *
 * @public
 */
export function trendOf(
  weeks: DailyRollup[],
  window: { from: string; to: string },
): WeekPoint[] {
  const byWeek = new Map(weeks.map(w => [w.day, w]));
  return windowWeeks(window).map(({ week, days }) => {
    const w = byWeek.get(week);
    return weekPoint(week, days, w ? weekCounts(w) : undefined);
  });
}

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

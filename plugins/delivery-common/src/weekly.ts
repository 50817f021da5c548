import { spread } from './histogram';
import { DailyRollup } from './dailyRollup';

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

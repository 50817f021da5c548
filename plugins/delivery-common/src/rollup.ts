/**
 * Daily roll-ups: what the backend stores per entity, team, environment and
 * day so that a summary over any window adds up days instead of rescanning
 * events. Entity rows keep every lead time and recovery time (exact
 * percentiles for a component, system or team); team rows keep only a
 * histogram (percentiles for the whole organisation by team are marked
 * approximate, within one bucket: a factor of √2).
 *
 * In four parts: the histogram and distributions from it (histogram), a
 * day's rows (dailyRollup), weeks and trends (weekly), and a window's
 * summary (summary).
 */
export { HISTOGRAM_BUCKETS, bucketUpperHours, bucketOf } from './histogram';
export type { SummaryDistribution } from './histogram';
export { emptyRollup, rollupDays, mergeRollups } from './dailyRollup';
export type { DailyRollup, EntityDailyRollup } from './dailyRollup';
export {
  completeWeeks,
  weekOf,
  windowWeeks,
  weekMedian,
  weekPoint,
  weeklySeries,
  seriesTrend,
  weekCounts,
  trendOf,
} from './weekly';
export type { WeekPoint, WeekCounts, WeeklySeries } from './weekly';
export { summariseRollups, summariseTotals } from './summary';
export type { FlowSummary } from './summary';

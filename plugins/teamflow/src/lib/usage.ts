import {
  FeatureUsage,
  UsageResponse,
  formatDay,
} from '@teamflow/plugin-teamflow-common';

/** The complete weeks the usage cards sum. */
export const USAGE_WEEKS = 4;

/** Numbers as the rest of Teamflow writes them. */
export const formatUsers = (n: number) =>
  n >= 100
    ? Math.round(n).toLocaleString('en-GB')
    : n.toLocaleString('en-GB', { maximumFractionDigits: 1 });
/** A share as a whole percentage; – when unknown. */
export const percent = (x: number | null) =>
  x === null ? '–' : `${Math.round(x * 100)}%`;
/** A mean score to one decimal; – when none. */
export const score = (x: number | null) => (x === null ? '–' : x.toFixed(1));

/** When the last event arrived, or why there is none. */
export function sinceLine(response: UsageResponse) {
  if (response.lastEventAt)
    return `Last event received ${formatDay(response.lastEventAt)}.`;
  return response.usage.some(u => u.activeUsers > 0)
    ? 'No source has sent an event yet: these figures are the demo’s generated usage.'
    : 'No event received from a source yet.';
}

/**
 * Weekly users of the window against the same number of weeks before it,
 * as a signed percentage; undefined without users before.
 */
export function changeOf(weekly: FeatureUsage['weekly'], weeks: number) {
  const recent = weekly.slice(-weeks);
  const before = weekly.slice(-2 * weeks, -weeks);
  if (before.length < weeks) return undefined;
  const sum = (list: typeof weekly) =>
    list.reduce((n, w) => n + w.activeUsers, 0);
  if (sum(before) === 0) return undefined;
  return Math.round(((sum(recent) - sum(before)) / sum(before)) * 100);
}

/** A change as +12%, −12% or 0%; – when unknown. */
export function signed(n: number | undefined) {
  if (n === undefined) return '–';
  if (n > 0) return `+${n}%`;
  if (n < 0) return `−${-n}%`;
  return '0%';
}

/** The week in progress of one feature × persona. */
export function thisWeekOf(
  response: UsageResponse,
  feature: string,
  persona: string,
) {
  return response.thisWeek.find(
    t => t.feature === feature && t.persona === persona,
  );
}

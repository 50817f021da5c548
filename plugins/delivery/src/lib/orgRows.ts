import { TeamFlowRow, WeekPoint } from '@teamflow/plugin-delivery-common';

/** One team's row of the organisation table: its five numbers and weekly trend. */
export type Row = {
  id: string;
  teamRef: string;
  perDay: number;
  lead: number | null;
  cfr: number | null;
  recovery: number | null;
  rework: number | null;
  /** undefined: a team with no events in the window. */
  row?: TeamFlowRow;
  /** The team's complete weeks. */
  weeks: WeekPoint[];
};

/** A distribution's median; null when there is not enough data. */
export const dist = (d: { status: string; median?: number }) =>
  d.status === 'ok' ? d.median! : null;

/** A rate; null when there is not enough data. */
export const rateOf = (r: { status: string; rate?: number }) =>
  r.status === 'ok' ? r.rate! : null;

/** Half-over-half change of a weekly series: the trend a team compares itself with. */
export function trendWord(
  values: Array<number | null>,
  lowerIsBetter: boolean,
) {
  const known = values.filter((v): v is number => v !== null);
  if (known.length < 4) return '';
  const half = Math.floor(known.length / 2);
  const mean = (xs: number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;
  const before = mean(known.slice(0, half));
  const after = mean(known.slice(half));
  if (before === 0 && after === 0) return '→';
  const change = (after - before) / (Math.abs(before) || 1);
  if (Math.abs(change) < 0.1) return '→ steady';
  const better = lowerIsBetter ? change < 0 : change > 0;
  return `${change > 0 ? '↑' : '↓'} ${better ? 'improving' : 'worsening'}`;
}

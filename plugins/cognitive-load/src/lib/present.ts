import {
  ReleaseStatus,
  SpreadBand,
} from '@teamflow/plugin-cognitive-load-common';
import { formatDay } from '@teamflow/plugin-teamflow-common';

/** What a withheld result says instead of a number. */
export const STATUS_TEXT: Record<Exclude<ReleaseStatus, 'released'>, string> = {
  'not-enough-responses': 'Not enough responses',
  'no-data': 'No data',
  suppressed: 'Hidden: would reveal a smaller group',
  'at-close': 'Shown when the wave closes',
};

/** Longer explanation for tooltips. */
export const STATUS_HELP: Record<Exclude<ReleaseStatus, 'released'>, string> = {
  'not-enough-responses':
    'Fewer than k people answered, so showing results could identify them.',
  'no-data': 'Nobody answered for this group in this wave.',
  suppressed:
    'Enough people answered, but together with the groups shown inside it this roll-up would let anyone work out the answers of fewer than k people.',
  'at-close':
    'While a wave is open, each team’s results move only once k more people have answered; roll-ups of several teams would move in smaller steps, so they wait for the close.',
};

/** How a spread band reads on a page. */
export const SPREAD_TEXT: Record<SpreadBand, string> = {
  narrow: 'answers close together',
  moderate: 'answers somewhat apart',
  wide: 'answers far apart',
};

/**
 * Background for a 0–100 value: green (low) through amber to red (high) for
 * load; reversed for headroom, where high is good.
 */
export function scoreColour(value: number, kind: 'load' | 'headroom' = 'load') {
  const v = Math.min(100, Math.max(0, kind === 'load' ? value : 100 - value));
  // hue 120 (green) at 0 to 0 (red) at 100
  const hue = Math.round(120 - v * 1.2);
  return `hsl(${hue}, 70%, 82%)`;
}

/** "+4.5" / "−3" / "±0" for a change between waves. */
export function formatChange(delta: number) {
  if (delta === 0) return '±0';
  return delta > 0 ? `+${delta}` : `−${Math.abs(delta)}`;
}

export const SCALE_LABELS = [
  'Strongly disagree',
  'Disagree',
  'Neither agree nor disagree',
  'Agree',
  'Strongly agree',
];

/** The day a wave opens or closes, written as on every Teamflow page. */
export const formatDate = (iso: string) => formatDay(iso);

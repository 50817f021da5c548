import {
  AttentionRow,
  AttentionSignalKey,
  byNeedForAttention,
} from '@teamflow/plugin-teamflow-common';

/** What the teams-needing-attention table sorts by: need, name or one signal. */
export type SortKey = 'attention' | 'team' | AttentionSignalKey;

/**
 * The table's rows in the chosen order; ties by team name. Rows without a
 * number for the chosen signal go last whichever way.
 */
export function sortRows(
  rows: AttentionRow[],
  key: SortKey,
  descending: boolean,
) {
  const sign = descending ? -1 : 1;
  if (key === 'attention')
    return [...rows].sort((a, b) => -sign * byNeedForAttention(a, b));
  if (key === 'team')
    return [...rows].sort(
      (a, b) => sign * a.title.localeCompare(b.title, 'en'),
    );
  // Rows without a number go last whichever way.
  return [...rows].sort((a, b) => {
    const x = a.signals[key]?.value ?? null;
    const y = b.signals[key]?.value ?? null;
    if (x === null && y === null) return a.title.localeCompare(b.title, 'en');
    if (x === null) return 1;
    if (y === null) return -1;
    return sign * (x - y) || a.title.localeCompare(b.title, 'en');
  });
}

/** Which items a register shows: by category and status ('' = all; 'unresolved' = not resolved). */
export type DebtFilter = { category: string; status: string };

/** What a register shows first: every category, everything not resolved. */
export const defaultFilter: DebtFilter = { category: '', status: 'unresolved' };

/** Whether an item passes the filter. */
export function matchesFilter(
  item: { category: string; status: string },
  filter: DebtFilter,
) {
  if (filter.category && item.category !== filter.category) return false;
  if (filter.status === 'unresolved') return item.status !== 'resolved';
  return !filter.status || item.status === filter.status;
}

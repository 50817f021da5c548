import { DebtSnapshotRow } from '../database/DebtStore';

/**
 * Snapshot rows from open items and scores summed per `team\ncategory` key,
 * plus the organisation's own rows (team `*`) per category, so the org trend
 * never has to add up thousands of teams.
 *
 * @public
 */
export function snapshotRows(
  takenOn: string,
  sums: Map<string, { openItems: number; openScore: number }>,
): DebtSnapshotRow[] {
  const perTeam = [...sums].map(([key, e]) => {
    const [teamRef, category] = key.split('\n');
    return { takenOn, teamRef, category, ...e };
  });
  const org = new Map<string, { openItems: number; openScore: number }>();
  for (const r of perTeam) {
    const e = org.get(r.category) ?? { openItems: 0, openScore: 0 };
    e.openItems += r.openItems;
    e.openScore += r.openScore;
    org.set(r.category, e);
  }
  return [
    ...perTeam,
    ...[...org].map(([category, e]) => ({
      takenOn,
      teamRef: '*',
      category,
      ...e,
    })),
  ];
}

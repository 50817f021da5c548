import { DebtEffort, EFFORT_DAYS } from './model';

/**
 * The priority of a debt item: what it costs, over what it takes to fix.
 *
 *   value = impact × 10 (10–50) + min(50, interest hours per month × 2.5)
 *   score = value / √(effort in person-days), one decimal
 *
 * The square root keeps big items visible rather than letting every small one
 * outrank them. A **quick win** scores 30 or more and takes a small effort
 * (XS or S). Where delivery metrics exist for the entity, `deliveryFactor`
 * (≥ 1) raises the score of debt in services that change or fail often.
 *
 * @public
 */
export function debtScore(
  item: {
    impact: number;
    interestHoursPerMonth: number;
    effort: DebtEffort;
  },
  deliveryFactor = 1,
): number {
  const value =
    item.impact * 10 + Math.min(50, item.interestHoursPerMonth * 2.5);
  return (
    Math.round(
      (value / Math.sqrt(EFFORT_DAYS[item.effort])) * deliveryFactor * 10,
    ) / 10
  );
}

/** The score from which a small item (XS or S) is a quick win. @public */
export const QUICK_WIN_SCORE = 30;

/**
 * Whether an item is a quick win: small effort (XS or S) and a score of at least QUICK_WIN_SCORE.
 *
 * @public
 */
export function isQuickWin(item: {
  impact: number;
  interestHoursPerMonth: number;
  effort: DebtEffort;
}): boolean {
  return (
    (item.effort === 'XS' || item.effort === 'S') &&
    debtScore(item) >= QUICK_WIN_SCORE
  );
}

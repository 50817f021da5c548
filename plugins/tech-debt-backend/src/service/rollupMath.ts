import {
  DEBT_CATEGORIES,
  debtScore,
  isQuickWin,
} from '@teamflow/plugin-tech-debt-common';
import { DebtAggregate, StoredDebtItem } from '../database/DebtStore';

/*
 * The register's arithmetic: which statuses count as open, totals by
 * category and status, and the share resolved per quarter. Pure.
 */

/** An item as the API shows it: with its priority score and whether it is a quick win. */
export const present = (i: StoredDebtItem) => ({
  ...i,
  score: debtScore(i),
  // A resolved item is no longer a win to take, quick or not.
  quickWin: i.status !== 'resolved' && isQuickWin(i),
});

/** Statuses of debt still owed. */
export const OPEN = ['open', 'planned', 'in-progress'];

/** A quarter's share of items resolved. @public */
export type QuarterResolution = {
  quarter: string;
  resolved: number;
  /** Items open at some point in the quarter: open at its start plus created during it. */
  open: number;
  share: number;
};

/**
 * Shares of items resolved per quarter from monthly created and resolved
 * counts: resolved in the quarter over items open at its start plus those
 * created during it.
 *
 * @public
 */
export function resolutionByQuarter(
  created: Array<{ month: string; items: number }>,
  resolved: Array<{ month: string; items: number }>,
): QuarterResolution[] {
  const quarterOf = (month: string) =>
    `${month.slice(0, 4)}-Q${
      Math.floor((Number(month.slice(5, 7)) - 1) / 3) + 1
    }`;
  const quarters = new Map<string, { created: number; resolved: number }>();
  for (const [list, key] of [
    [created, 'created'],
    [resolved, 'resolved'],
  ] as const) {
    for (const m of list) {
      const q = quarterOf(m.month);
      const entry = quarters.get(q) ?? { created: 0, resolved: 0 };
      entry[key] += m.items;
      quarters.set(q, entry);
    }
  }
  let openAtStart = 0;
  return [...quarters.keys()].sort().map(quarter => {
    const q = quarters.get(quarter)!;
    const open = openAtStart + q.created;
    openAtStart = open - q.resolved;
    return {
      quarter,
      resolved: q.resolved,
      open,
      share: open ? Math.round((q.resolved / open) * 1000) / 10 : 0,
    };
  });
}

/** Open items and score in all, by category (with resolved counts) and by status. */
export function sumAggregates(rows: DebtAggregate[]) {
  const byCategory = Object.fromEntries(
    DEBT_CATEGORIES.map(c => [c, { open: 0, score: 0, resolved: 0 }]),
  ) as Record<string, { open: number; score: number; resolved: number }>;
  const byStatus: Record<string, number> = {};
  let open = 0;
  let score = 0;
  for (const r of rows) {
    byStatus[r.status] = (byStatus[r.status] ?? 0) + r.items;
    const c = (byCategory[r.category] ??= { open: 0, score: 0, resolved: 0 });
    if (OPEN.includes(r.status)) {
      c.open += r.items;
      c.score += r.score;
      open += r.items;
      score += r.score;
    } else {
      c.resolved += r.items;
    }
  }
  for (const c of Object.values(byCategory))
    c.score = Math.round(c.score * 10) / 10;
  return { open, score: Math.round(score * 10) / 10, byCategory, byStatus };
}

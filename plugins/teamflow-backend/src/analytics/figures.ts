import type { WeekRow } from './database/AnalyticsStore';

/*
 * Weekly figures of the aggregates, as the North Star trees show them.
 */

/** A feature's HEART figure per week (persona rows summed). */
export function figureByWeek(rows: WeekRow[], figure: string, weeks: string[]) {
  const sums = new Map<string, WeekRow>();
  for (const r of rows) {
    const s = sums.get(r.week);
    if (!s) sums.set(r.week, { ...r });
    else
      for (const k of [
        'events',
        'weekUsers',
        'returningUsers',
        'newUsers',
        'successes',
        'failures',
        'scoreSum',
        'scores',
      ] as const)
        s[k] += r[k];
  }
  const out = new Map<string, number | null>();
  weeks.forEach((week, i) => {
    const r = sums.get(week);
    if (!r) return;
    const prior = i > 0 ? sums.get(weeks[i - 1])?.weekUsers ?? 0 : 0;
    const value = {
      activeUsers: r.weekUsers,
      events: r.events,
      newUsers: r.newUsers,
      retention: prior ? r.returningUsers / prior : null,
      taskSuccess:
        r.successes + r.failures
          ? r.successes / (r.successes + r.failures)
          : null,
      happiness: r.scores ? r.scoreSum / r.scores : null,
    }[figure];
    out.set(week, value ?? null);
  });
  return out;
}

/** Mean of the last four values against the four before, in percent. */
export function changeOfWeeks(values: Array<number | null>) {
  const mean = (list: Array<number | null>) => {
    const known = list.filter((v): v is number => v !== null);
    return known.length
      ? known.reduce((a, b) => a + b, 0) / known.length
      : null;
  };
  const recent = mean(values.slice(-4));
  const before = mean(values.slice(-8, -4));
  if (recent === null || before === null || before === 0) return null;
  return Math.round(((recent - before) / Math.abs(before)) * 100);
}

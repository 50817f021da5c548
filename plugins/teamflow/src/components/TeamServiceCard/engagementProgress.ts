/** Share of an engagement's planned time that has passed, 0–100. */
export function engagementProgress(
  startDate: string | undefined,
  reviewBy: string | undefined,
  today: string,
): number | undefined {
  if (!startDate || !reviewBy) return undefined;
  const start = Date.parse(`${startDate}T00:00:00Z`);
  const end = Date.parse(`${reviewBy}T00:00:00Z`);
  const now = Date.parse(`${today}T00:00:00Z`);
  if (!(end > start)) return undefined;
  return Math.max(
    0,
    Math.min(100, Math.round(((now - start) / (end - start)) * 100)),
  );
}

/**
 * When an engagement runs, in words: "Since 15 Sep 2026 · until 15 Jan 2027",
 * "Starts 10 Jan 2027 · until 30 Apr 2027" before it began, "review overdue
 * since …" after its review date. `formatDay` turns a YYYY-MM-DD into words.
 */
export function engagementDates(
  startDate: string | undefined,
  reviewBy: string | undefined,
  today: string,
  formatDay: (day: string) => string,
): string {
  let start = 'Start not declared';
  if (startDate)
    start = `${startDate > today ? 'Starts' : 'Since'} ${formatDay(startDate)}`;
  if (!reviewBy) return `${start} · no review date`;
  return `${start} · ${
    reviewBy < today ? 'review overdue since' : 'until'
  } ${formatDay(reviewBy)}`;
}

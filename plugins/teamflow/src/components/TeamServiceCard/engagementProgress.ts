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

const DAY = 86_400_000;

/** The window ending tomorrow (today included), as the API takes it. */
export function windowOf(days: number, now = Date.now()) {
  const to = Math.floor(now / DAY) * DAY + DAY;
  const iso = (ms: number) => new Date(ms).toISOString().slice(0, 10);
  return { from: iso(to - days * DAY), to: iso(to) };
}

/**
 * Hours as people say them: minutes below an hour, hours below two days,
 * days above. Every page that shows a lead or recovery time uses this.
 *
 * @public
 */
export function formatHours(h: number) {
  if (h < 1) return `${Math.round(h * 60)} min`;
  if (h < 48) return `${Math.round(h * 10) / 10} h`;
  return `${Math.round((h / 24) * 10) / 10} days`;
}

/** A rate as a percentage with one decimal: 0.1234 → "12.3%". @public */
export const percent = (r: number) => `${Math.round(r * 1000) / 10}%`;

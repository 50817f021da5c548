/** Today in UTC, as the wave form's date fields take it. */
export const today = () => new Date().toISOString().slice(0, 10);

/** The UTC day n days from now. */
export const inDays = (n: number) =>
  new Date(Date.now() + n * 86_400_000).toISOString().slice(0, 10);

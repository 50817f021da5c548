import { windowOf } from './window';

describe('windowOf', () => {
  it.each([
    // now (UTC), days → from, to (the day after today: today is included)
    ['2026-12-07T03:18:00Z', 90, '2026-09-09', '2026-12-08'],
    ['2026-12-07T00:00:00Z', 30, '2026-11-08', '2026-12-08'],
    ['2026-12-07T23:59:59Z', 30, '2026-11-08', '2026-12-08'],
    ['2026-03-01T12:00:00Z', 180, '2025-09-03', '2026-03-02'],
  ])('at %s the last %i days run from %s to %s', (now, days, from, to) => {
    expect(windowOf(days, Date.parse(now))).toEqual({ from, to });
  });
});

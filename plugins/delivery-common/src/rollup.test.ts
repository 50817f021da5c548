import { completeWeeks, summariseRollups } from './rollup';

describe('the weekly trend', () => {
  it('says how many days of each week lie in the window, so a week in progress is never plotted as a drop', () => {
    // Wednesday 4 November to Friday 20 November (exclusive): the week of
    // 2 Nov holds Wed–Sun (5 days), 9 Nov all 7, 16 Nov Mon–Thu (4).
    const summary = summariseRollups(
      [],
      { from: '2026-11-04T00:00:00.000Z', to: '2026-11-20T00:00:00.000Z' },
      5,
    );
    expect(summary.trend.map(w => [w.week, w.days])).toEqual([
      ['2026-11-02', 5],
      ['2026-11-09', 7],
      ['2026-11-16', 4],
    ]);
    expect(completeWeeks(summary.trend).map(w => w.week)).toEqual([
      '2026-11-09',
    ]);
  });
});

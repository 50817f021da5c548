import { dist, rateOf, trendWord } from './orgRows';

describe('the organisation table', () => {
  it.each([
    // weekly values, lower is better → the word beside the trend
    [[10, 10, 12, 12], false, '↑ improving'], // 10 → 12: +20 %
    [[10, 10, 12, 12], true, '↑ worsening'], // lead time up 20 %
    [[10, 10, 8, 8], true, '↓ improving'], // −20 %
    [[10, 10, 10.5, 10.5], false, '→ steady'], // +5 %: under 10 %
    [[0, 0, 0, 0], false, '→'],
    // gaps are skipped; fewer than four known weeks say nothing
    [[null, 4, null, 4, 6, 6], false, '↑ improving'],
    [[4, null, 6], false, ''],
    // an odd count: the later half is the longer (2 | 3 weeks)
    [[2, 2, 3, 3, 3], false, '↑ improving'],
  ])('%j, lower is better %s: %s', (values, lower, word) => {
    expect(trendWord(values as Array<number | null>, lower as boolean)).toBe(
      word,
    );
  });

  it('shows a median or a rate only when there is enough data', () => {
    expect(dist({ status: 'ok', median: 29.6 })).toBe(29.6);
    expect(dist({ status: 'insufficient' })).toBeNull();
    expect(rateOf({ status: 'ok', rate: 0.125 })).toBe(0.125);
    expect(rateOf({ status: 'insufficient' })).toBeNull();
  });
});

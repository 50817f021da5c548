import { sparklineMarks } from './sparkline';

describe('sparklineMarks', () => {
  // width 104, height 26: x = 2 + i × 100 / (n − 1); y = 23 − (v − min) / (max − min) × 20
  it.each([
    [
      'a run of weeks is one line',
      [0, 5, 10],
      { lines: ['M2,23L52,13L102,3'], dots: [] },
    ],
    [
      'a week alone between gaps is a dot, not an invisible one-point line',
      [null, 4, null, 2, 4],
      {
        lines: ['M77,13L102,3'],
        dots: [{ x: 27, y: 3 }],
      },
    ],
    [
      'one week with a value among many is still shown',
      [null, null, 8, null, null],
      { lines: [], dots: [{ x: 52, y: 3 }] },
    ],
    [
      'no week with a value draws nothing',
      [null, null],
      { lines: [], dots: [] },
    ],
    [
      'a week of zero is drawn at the bottom, a gap is not drawn',
      [3, 0, null, 3],
      { lines: ['M2,3L35.3,23'], dots: [{ x: 102, y: 3 }] },
    ],
  ])('%s', (_, values, expected) => {
    expect(sparklineMarks(values, 104, 26)).toEqual(expected);
  });
});

import { formatChange, scoreColour } from './present';

describe('scoreColour', () => {
  it.each([
    [0, 'load', 'hsl(120, 70%, 82%)'],
    [50, 'load', 'hsl(60, 70%, 82%)'],
    [100, 'load', 'hsl(0, 70%, 82%)'],
    // headroom: high is good
    [100, 'headroom', 'hsl(120, 70%, 82%)'],
    [25, 'headroom', 'hsl(30, 70%, 82%)'],
    [140, 'load', 'hsl(0, 70%, 82%)'],
  ] as const)('%d as %s is %s', (value, kind, colour) => {
    expect(scoreColour(value, kind)).toBe(colour);
  });
});

describe('formatChange', () => {
  it.each([
    [4.5, '+4.5'],
    [-3, '−3'],
    [0, '±0'],
  ])('%d -> %s', (delta, text) => {
    expect(formatChange(delta)).toBe(text);
  });
});

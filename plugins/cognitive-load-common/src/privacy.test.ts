import { laplace, laplaceScale, privateMean } from './privacy';

describe('differentially private roll-ups', () => {
  it.each([
    // b = 100 / (n · ε)
    [10, 1, 10],
    [40, 1, 2.5],
    [40, 0.5, 5],
    [200, 2, 0.25],
  ])('n = %d, ε = %d: scale %d', (n, epsilon, b) => {
    expect(laplaceScale(n, epsilon)).toBeCloseTo(b, 10);
  });

  it('draws Laplace noise from a uniform number by the inverse CDF', () => {
    expect(Math.abs(laplace(0.5, 3))).toBe(0);
    // u = 0.75: −b · ln(1 − 2 · 0.25) = b · ln 2
    expect(laplace(0.75, 3)).toBeCloseTo(3 * Math.log(2), 10);
    expect(laplace(0.25, 3)).toBeCloseTo(-3 * Math.log(2), 10);
    // the mean absolute value of Laplace(b) is b: over an even grid of u
    const b = 4;
    const grid = Array.from({ length: 100_000 }, (_, i) => (i + 0.5) / 100_000);
    const meanAbs =
      grid.reduce((s, u) => s + Math.abs(laplace(u, b)), 0) / grid.length;
    expect(meanAbs).toBeCloseTo(b, 1);
  });

  it('publishes the noisy mean, clamped and rounded, with the expected error', () => {
    // mean of 40 values = 50; b = 100 / (40 · 1) = 2.5; u = 0.75 → +2.5·ln 2 = +1.73
    const values = Array.from({ length: 40 }, (_, i) => (i % 2 ? 75 : 25));
    expect(privateMean(values, 1, 0.75)).toEqual({
      value: 52,
      expectedError: 2.5,
      epsilon: 1,
    });
    // never outside the scale
    expect(privateMean([100, 100, 100], 0.1, 0.999999).value).toBe(100);
    expect(privateMean([0, 0, 0], 0.1, 0.000001).value).toBe(0);
  });
});

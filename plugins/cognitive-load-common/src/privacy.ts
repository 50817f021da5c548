/**
 * Differentially private roll-ups (optional, `cognitiveLoad.differentialPrivacy`).
 *
 * A roll-up's number for a measure is the mean of its people's values (each
 * in 0–100) plus Laplace noise of scale b = 100 / (n · ε): with n published,
 * one person's answer moves the mean by at most 100 / n, so the number is
 * ε-differentially private for that person (Dwork & Roth, "The Algorithmic
 * Foundations of Differential Privacy", 2014, §3.3, the Laplace mechanism).
 * The expected absolute error of Laplace(b) is b: shown next to the number.
 */

/** A private estimate of a roll-up's mean. @public */
export type PrivateEstimate = {
  /** The noisy mean, clamped to 0–100, in whole points. */
  value: number;
  /** Expected absolute error (the Laplace scale b), one decimal. */
  expectedError: number;
  epsilon: number;
};

/** The Laplace scale for a mean of n values in 0–100 under budget ε. @public */
export function laplaceScale(n: number, epsilon: number): number {
  return 100 / (n * epsilon);
}

/**
 * A Laplace(0, b) draw from a uniform number u in (0, 1) (inverse CDF), so
 * the caller chooses where u comes from — the backend derives it from a
 * keyed hash, so asking again never draws fresh noise to average away.
 *
 * @public
 */
export function laplace(u: number, b: number): number {
  const centred = Math.min(Math.max(u, 1e-12), 1 - 1e-12) - 0.5;
  return -b * Math.sign(centred) * Math.log(1 - 2 * Math.abs(centred));
}

/** The private estimate of the mean of `values` (0–100) with uniform draw u. @public */
export function privateMean(
  values: ArrayLike<number>,
  epsilon: number,
  u: number,
): PrivateEstimate {
  let sum = 0;
  for (let i = 0; i < values.length; i++) sum += values[i];
  const b = laplaceScale(values.length, epsilon);
  const noisy = sum / values.length + laplace(u, b);
  return {
    value: Math.round(Math.min(100, Math.max(0, noisy))),
    expectedError: Math.round(b * 10) / 10,
    epsilon,
  };
}

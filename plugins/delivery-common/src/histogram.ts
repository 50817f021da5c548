import { Distribution, distribution } from './metrics';

/** Histogram buckets: upper bounds 0.125 h × √2^k, the last one open. @public */
export const HISTOGRAM_BUCKETS = 32;

/** The upper bound in hours of histogram bucket k (Infinity for the last). @public */
export function bucketUpperHours(k: number) {
  return k >= HISTOGRAM_BUCKETS - 1 ? Infinity : 0.125 * Math.SQRT2 ** k;
}

/** The bucket a duration in hours falls in. @public */
export function bucketOf(hours: number) {
  if (hours <= 0.125) return 0;
  const k = Math.ceil(2 * Math.log2(hours / 0.125) - 1e-9);
  return Math.min(HISTOGRAM_BUCKETS - 1, Math.max(0, k));
}

/** A distribution, marked approximate when it came from histograms. @public */
export type SummaryDistribution = Distribution & { approximate?: boolean };

function histogramQuantile(h: number[], n: number, q: number) {
  const target = (n - 1) * q;
  let seen = 0;
  for (let k = 0; k < h.length; k++) {
    if (!h[k]) continue;
    if (seen + h[k] > target) {
      const lower = k === 0 ? 0 : bucketUpperHours(k - 1);
      const upper = bucketUpperHours(k);
      if (upper === Infinity) return lower;
      // spread the bucket's observations evenly over its range
      return lower + ((upper - lower) * (target - seen + 0.5)) / h[k];
    }
    seen += h[k];
  }
  return 0;
}

export function spread(
  exact: number[] | undefined,
  histogram: number[],
  minimumSample: number,
): SummaryDistribution {
  const n = histogram.reduce((s, x) => s + x, 0);
  if (exact) return distribution(exact, minimumSample);
  if (n < minimumSample) return { status: 'not-enough-data', n };
  const r2 = (x: number) => Math.round(x * 100) / 100;
  return {
    status: 'ok',
    n,
    median: r2(histogramQuantile(histogram, n, 0.5)),
    p75: r2(histogramQuantile(histogram, n, 0.75)),
    p90: r2(histogramQuantile(histogram, n, 0.9)),
    approximate: true,
  };
}

export const addInto = (target: number[], source: number[]) => {
  for (let k = 0; k < source.length; k++) target[k] += source[k];
};

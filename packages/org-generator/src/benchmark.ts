/**
 * Median and p95 of benchmark samples (nearest rank), rounded to 0.1, with n.
 * Shared by the Teamflow benchmarks so they all report the same way.
 *
 * @public
 */
export function sampleStats(samples: number[]) {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) =>
    sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
  return {
    n: samples.length,
    median: Math.round(at(0.5) * 10) / 10,
    p95: Math.round(at(0.95) * 10) / 10,
  };
}

import { NorthStarMetricValues } from '@teamflow/plugin-teamflow-common';

/** A metric's value in its own unit: shares as percent, scores with a decimal. */
export function formatMetric(
  metric: NorthStarMetricValues,
  value: number | null,
) {
  if (value === null) return '–';
  const figure = 'figure' in metric.source ? metric.source.figure : undefined;
  if (figure === 'retention' || figure === 'taskSuccess')
    return `${Math.round(value * 100)}%`;
  if (figure === 'happiness') return value.toFixed(1);
  return Math.round(value).toLocaleString('en-GB');
}

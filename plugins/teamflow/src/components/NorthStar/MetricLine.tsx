import { NorthStarMetricValues } from '@teamflow/plugin-teamflow-common';
import { Sparkline } from '../Sparkline';
import { formatMetric } from './formatMetric';

/** A metric's 13 complete weeks as a line; nothing with fewer than two known weeks. */
export function MetricLine(props: {
  metric: NorthStarMetricValues;
  width?: number;
}) {
  const { metric, width } = props;
  const known = metric.weekly.filter(w => w.value !== null);
  if (known.length < 2) return null;
  return (
    <Sparkline
      width={width}
      // Counts and shares against zero (a dip looks its size); scores span
      // their own range.
      fromZero={
        !('figure' in metric.source) || metric.source.figure !== 'happiness'
      }
      values={metric.weekly.map(w => w.value)}
      label={`${metric.name}: ${formatMetric(
        metric,
        known[0].value,
      )} to ${formatMetric(metric, known[known.length - 1].value)} over ${
        metric.weekly.length
      } weeks`}
    />
  );
}

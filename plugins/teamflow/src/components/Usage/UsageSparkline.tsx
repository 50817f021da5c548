import { FeatureUsage, formatDay } from '@teamflow/plugin-teamflow-common';
import { Sparkline } from '../Sparkline';

/** Weekly active users over the trend's weeks, as a line. */
export function UsageSparkline(props: { weekly: FeatureUsage['weekly'] }) {
  const { weekly } = props;
  const first = weekly[0];
  const last = weekly[weekly.length - 1];
  return (
    <Sparkline
      fromZero
      values={weekly.map(w => w.activeUsers)}
      label={`Weekly users from ${first ? formatDay(first.week) : ''}: ${
        first?.activeUsers ?? 0
      } to ${last?.activeUsers ?? 0} in the week of ${
        last ? formatDay(last.week) : ''
      }`}
    />
  );
}

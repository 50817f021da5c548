import { Box, Typography } from '@material-ui/core';
import { formatDay } from '@teamflow/plugin-teamflow-common';

/** Open debt score over time from the snapshots, as a small line chart. */
export function TrendLine(props: {
  trend: Array<{ takenOn: string; openItems: number; openScore: number }>;
  label: string;
}) {
  const { trend } = props;
  if (trend.length < 2) {
    return (
      <Typography variant="caption" component="p">
        Not enough history for a trend yet (snapshots are taken daily).
      </Typography>
    );
  }
  const w = 320;
  const h = 60;
  const max = Math.max(...trend.map(t => t.openScore), 1);
  const points = trend
    .map(
      (t, i) =>
        `${(i / (trend.length - 1)) * w},${
          h - (t.openScore / max) * (h - 6) - 3
        }`,
    )
    .join(' ');
  const first = trend[0];
  const last = trend[trend.length - 1];
  return (
    <Box my={1}>
      <svg
        width="100%"
        viewBox={`0 0 ${w} ${h}`}
        preserveAspectRatio="none"
        height={h}
        role="img"
        aria-label={`${props.label}: score ${first.openScore} on ${formatDay(
          first.takenOn,
        )}, ${last.openScore} on ${formatDay(last.takenOn)}`}
      >
        <polyline
          points={points}
          fill="none"
          stroke="#c62828"
          strokeWidth={2}
        />
      </svg>
      <Typography variant="caption">
        Open score {first.openScore} ({formatDay(first.takenOn)}) →{' '}
        {last.openScore} ({formatDay(last.takenOn)}); {first.openItems} →{' '}
        {last.openItems} items
      </Typography>
    </Box>
  );
}

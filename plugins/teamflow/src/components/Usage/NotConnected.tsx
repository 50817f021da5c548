import { Typography } from '@material-ui/core';
import { useUsageStyles } from './usageStyles';

/** What the card says before there is anything to count. */
export function NotConnected() {
  const classes = useUsageStyles();
  return (
    <Typography variant="body2" className={classes.note}>
      No product analytics connected yet. Point a Segment-compatible source
      (analytics.js, analytics-node, RudderStack, Jitsu) at
      /api/teamflow/analytics with a write key from teamflow.analytics.sources:
      who uses what, per persona, shows here within a minute.
    </Typography>
  );
}

import { makeStyles } from '@material-ui/core';
import { FeatureLifecycle } from '@teamflow/plugin-teamflow-common';

/** The feature cards' styles. */
export const useFeatureStyles = makeStyles(
  theme => ({
    chips: { display: 'flex', gap: theme.spacing(1), flexWrap: 'wrap' },
    why: { whiteSpace: 'normal' },
    note: { color: theme.palette.text.secondary },
  }),
  { name: 'TeamflowFeatureCards' },
);

/** What each lifecycle stage means, in words. */
export const LIFECYCLE_TEXT: Record<FeatureLifecycle, string> = {
  idea: 'idea',
  discovery: 'in discovery',
  building: 'being built',
  launched: 'launched',
  retired: 'retired',
};

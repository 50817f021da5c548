import { makeStyles } from '@material-ui/core';

/** The time slider's and the comparison's styles. */
export const useHistoryStyles = makeStyles(
  theme => ({
    root: {
      display: 'flex',
      flexWrap: 'wrap',
      alignItems: 'center',
      gap: theme.spacing(3),
      marginBottom: theme.spacing(2),
    },
    slider: { flex: '1 1 320px', maxWidth: 640, padding: theme.spacing(0, 1) },
    select: { minWidth: 200 },
    swatch: {
      display: 'inline-block',
      width: 18,
      height: 0,
      borderTop: '3px solid',
      verticalAlign: 'middle',
      marginRight: 4,
    },
  }),
  { name: 'TeamflowMapHistory' },
);

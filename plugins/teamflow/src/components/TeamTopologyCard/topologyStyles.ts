import { makeStyles } from '@material-ui/core';

/** The topology card's styles. */
export const useTopologyStyles = makeStyles(
  theme => ({
    focus: { fontSize: '1.05rem', margin: theme.spacing(1, 0) },
    overdue: { color: theme.palette.error.main, fontWeight: 600 },
    chips: { display: 'flex', gap: theme.spacing(1), flexWrap: 'wrap' },
    modeChip: { marginRight: theme.spacing(1) },
    blocking: {
      backgroundColor: theme.palette.error.main,
      color: theme.palette.error.contrastText,
    },
    slowing: {
      backgroundColor: theme.palette.warning.main,
      color: theme.palette.warning.contrastText,
    },
  }),
  { name: 'TeamflowTeamTopologyCard' },
);

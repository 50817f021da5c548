import { makeStyles } from '@material-ui/core';

/** The overview page's styles, shared by its cards. */
export const useOverviewStyles = makeStyles(
  theme => ({
    bar: {
      display: 'flex',
      height: 28,
      borderRadius: 4,
      overflow: 'hidden',
      margin: theme.spacing(1, 0),
    },
    segment: {
      display: 'flex',
      alignItems: 'center',
      justifyContent: 'center',
      fontSize: 12,
      fontWeight: 700,
      color: '#1a1a1a',
      minWidth: 0,
      overflow: 'hidden',
    },
    big: { fontSize: '2rem', fontWeight: 700, lineHeight: 1.1 },
    good: { color: theme.palette.success.main },
    warning: { color: theme.palette.warning.dark },
    problem: { color: theme.palette.error.main },
    scorecard: { listStyle: 'none', margin: 0, padding: 0 },
    scoreRow: {
      display: 'grid',
      gridTemplateColumns: '32px 1fr',
      alignItems: 'start',
      padding: theme.spacing(1, 0),
      borderBottom: `1px solid ${theme.palette.divider}`,
    },
    placeholder: {
      border: `2px dashed ${theme.palette.divider}`,
      borderRadius: 4,
      padding: theme.spacing(2),
      color: theme.palette.text.secondary,
      height: '100%',
    },
  }),
  { name: 'TeamflowOverview' },
);

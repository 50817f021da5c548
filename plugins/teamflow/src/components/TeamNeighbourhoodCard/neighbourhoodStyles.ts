import { makeStyles } from '@material-ui/core';

/** The neighbourhood card's styles. */
export const useNeighbourhoodStyles = makeStyles(
  theme => ({
    score: { fontSize: '2rem', fontWeight: 700, lineHeight: 1.1 },
    overloaded: { color: theme.palette.error.main },
    high: { color: theme.palette.warning.dark },
    moderate: { color: theme.palette.text.primary },
    low: { color: theme.palette.success.main },
    undeclared: { backgroundColor: theme.palette.warning.light },
    flag: {
      backgroundColor: theme.palette.error.main,
      color: theme.palette.error.contrastText,
    },
  }),
  { name: 'TeamflowTeamNeighbourhoodCard' },
);

import { makeStyles } from '@material-ui/core';

/** The organisation page's styles. */
export const useOrgDebtStyles = makeStyles(
  theme => ({
    // Nine columns in two thirds of a 1280 px page: narrower cells.
    byTeam: { '& th, & td': { padding: theme.spacing(0.75, 1) } },
  }),
  { name: 'TeamflowOrgDebt' },
);

import { makeStyles } from '@material-ui/core';

/** The organisation page's styles. */
export const useOrganisationStyles = makeStyles(
  theme => ({
    good: { color: theme.palette.success.main },
    count: { fontWeight: 700, fontSize: '2rem', lineHeight: 1 },
  }),
  { name: 'TeamflowOrganisationPage' },
);

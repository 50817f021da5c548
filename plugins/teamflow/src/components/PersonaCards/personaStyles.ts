import { makeStyles } from '@material-ui/core';

/** The persona cards' styles. */
export const usePersonaStyles = makeStyles(
  theme => ({
    chips: { display: 'flex', gap: theme.spacing(1), flexWrap: 'wrap' },
    job: { marginBottom: theme.spacing(1.5) },
    gap: { color: theme.palette.error.main, fontWeight: 600 },
  }),
  { name: 'TeamflowPersonaCards' },
);

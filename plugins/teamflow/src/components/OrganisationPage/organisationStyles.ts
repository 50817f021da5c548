import { makeStyles, TableContainer, withStyles } from '@material-ui/core';
import { READABLE_TABLE_STYLES } from '@teamflow/plugin-teamflow-common';

/** The organisation page's tables: readable on narrow screens, scrolled sideways. */
export const ReadableTable = withStyles(READABLE_TABLE_STYLES)(TableContainer);

/** The organisation page's styles. */
export const useOrganisationStyles = makeStyles(
  theme => ({
    good: { color: theme.palette.success.main },
    count: { fontWeight: 700, fontSize: '2rem', lineHeight: 1 },
  }),
  { name: 'TeamflowOrganisationPage' },
);

import { makeStyles } from '@material-ui/core';

/** The usage cards' styles. */
export const useUsageStyles = makeStyles(
  theme => ({
    scroll: { overflowX: 'auto' },
    table: {
      '& th, & td': {
        whiteSpace: 'nowrap',
        padding: theme.spacing(0.75, 1),
      },
      // Headings wrap, so nine columns fit 872 px (a 1024 px screen).
      '& th': { whiteSpace: 'normal', verticalAlign: 'bottom' },
      '& td:first-child, & th:first-child': {
        whiteSpace: 'normal',
        minWidth: 160,
        paddingLeft: 0,
      },
    },
    number: { textAlign: 'right', fontVariantNumeric: 'tabular-nums' },
    note: { color: theme.palette.text.secondary },
    summary: { marginBottom: theme.spacing(1) },
    chip: { marginLeft: theme.spacing(1) },
    falling: { color: theme.palette.error.main, fontWeight: 600 },
  }),
  { name: 'TeamflowUsage' },
);

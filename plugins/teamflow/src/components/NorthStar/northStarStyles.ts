import { makeStyles } from '@material-ui/core';

/** The North Star card's styles. */
export const useNorthStarStyles = makeStyles(
  theme => ({
    tree: { marginBottom: theme.spacing(2) },
    star: {
      display: 'flex',
      alignItems: 'center',
      gap: theme.spacing(2),
      flexWrap: 'wrap',
    },
    big: {
      fontSize: '1.75rem',
      fontWeight: 600,
      fontVariantNumeric: 'tabular-nums',
    },
    table: {
      '& th, & td': { padding: theme.spacing(0.5, 1), whiteSpace: 'nowrap' },
      '& td:first-child, & th:first-child': {
        whiteSpace: 'normal',
        paddingLeft: 0,
        minWidth: 140,
      },
    },
    number: { textAlign: 'right', fontVariantNumeric: 'tabular-nums' },
    up: { color: theme.palette.success.main },
    down: { color: theme.palette.error.main },
    note: { color: theme.palette.text.secondary },
  }),
  { name: 'TeamflowNorthStar' },
);

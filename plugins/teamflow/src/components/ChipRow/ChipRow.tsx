import { ReactNode } from 'react';
import { makeStyles } from '@material-ui/core';

const useStyles = makeStyles(
  theme => ({
    row: {
      display: 'flex',
      flexWrap: 'wrap',
      alignItems: 'center',
      columnGap: theme.spacing(1),
      whiteSpace: 'normal',
    },
  }),
  { name: 'TeamflowChipRow' },
);

/**
 * A name and its chips, wrapping where they do not fit. Backstage's theme
 * keeps a dense list item's text on one line and hides what overflows, so a
 * chip after a long name was cut off at a card's edge (at 1024 px a team's
 * "review overdue" was out of sight); in this row it goes to the next line.
 */
export function ChipRow(props: { children: ReactNode }) {
  const classes = useStyles();
  return <span className={classes.row}>{props.children}</span>;
}

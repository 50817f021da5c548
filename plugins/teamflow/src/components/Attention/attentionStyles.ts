import { makeStyles } from '@material-ui/core';

export const useAttentionStyles = makeStyles(
  theme => ({
    scroll: { overflowX: 'auto' },
    // Words wrap between words, never inside one (Backstage's table
    // cells break anywhere by default).
    table: {
      minWidth: 1000,
      '& th, & td': {
        wordBreak: 'normal',
        overflowWrap: 'normal',
        padding: theme.spacing(0.75, 1),
      },
      '& thead tr, & tbody tr': {
        backgroundColor: theme.palette.background.paper,
      },
    },
    head: { verticalAlign: 'bottom', whiteSpace: 'normal', minWidth: 72 },
    // Below ~1300 px the matrix scrolls sideways; each row's team stays in
    // sight at its left.
    team: {
      minWidth: 150,
      verticalAlign: 'bottom',
      position: 'sticky',
      left: 0,
      zIndex: 1,
      // The row's own colour (striped or not), opaque over what scrolls.
      backgroundColor: 'inherit',
    },
    cell: { fontSize: 13, minWidth: 72 },
    noSource: { fontSize: 13, color: theme.palette.text.secondary },
    problem: { backgroundColor: '#ffcdd2' },
    watch: { backgroundColor: '#ffecb3' },
    muted: { color: theme.palette.text.secondary },
    filters: {
      display: 'flex',
      flexWrap: 'wrap',
      alignItems: 'flex-end',
      gap: theme.spacing(2),
      marginBottom: theme.spacing(2),
    },
    select: { minWidth: 180 },
  }),
  { name: 'TeamflowAttention' },
);

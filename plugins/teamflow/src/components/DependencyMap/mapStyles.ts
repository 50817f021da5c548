import { makeStyles } from '@material-ui/core';
import { EDGE_STYLE } from '../../lib/mapGeometry';

/** The dependency map page's styles: filters, legend, summary and flags. */
export const useMapStyles = makeStyles(
  theme => ({
    filters: {
      display: 'flex',
      flexWrap: 'wrap',
      alignItems: 'center',
      gap: theme.spacing(2),
      marginBottom: theme.spacing(2),
    },
    select: { minWidth: 200 },
    search: { position: 'relative', minWidth: 240 },
    results: {
      position: 'absolute',
      zIndex: 10,
      left: 0,
      right: 0,
      maxHeight: 320,
      overflow: 'auto',
    },
    legend: {
      display: 'flex',
      flexWrap: 'wrap',
      gap: theme.spacing(2),
      alignItems: 'center',
      marginTop: theme.spacing(1),
      fontSize: 13,
    },
    summary: { marginBottom: theme.spacing(1) },
    undeclared: {
      backgroundColor: EDGE_STYLE.undeclared,
      color: '#fff',
      marginLeft: theme.spacing(0.5),
    },
    flag: {
      backgroundColor: theme.palette.error.dark,
      color: '#fff',
      marginLeft: theme.spacing(0.5),
    },
  }),
  { name: 'TeamflowDependencyMap' },
);

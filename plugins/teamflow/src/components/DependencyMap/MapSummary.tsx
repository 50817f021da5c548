import { Typography } from '@material-ui/core';
import { isProblemEdge } from '@teamflow/plugin-teamflow-common';
import { TeamMap } from '../../api/TeamflowApi';
import { overdueInteractions } from '../../lib/mapFilter';
import { useMapStyles } from './mapStyles';

/** The map in one line: teams, dependencies, undeclared, blocking, past review, problems. */
export function MapSummary(props: { map: TeamMap }) {
  const classes = useMapStyles();
  const { map } = props;
  const undeclared = map.edges.filter(
    e => e.classification === 'observed-undeclared',
  ).length;
  const overdue = overdueInteractions(map.edges);
  return (
    <Typography
      variant="body2"
      className={classes.summary}
      aria-label="Map summary"
    >
      {map.matched ? `${map.matched.length} matching teams, ` : ''}
      {map.nodes.length} teams shown · {map.edges.length} dependencies ·{' '}
      {undeclared} undeclared · {map.edges.filter(e => e.blocking).length}{' '}
      blocking · {overdue} {overdue === 1 ? 'interaction' : 'interactions'} past
      review · {map.edges.filter(isProblemEdge).length} problems
    </Typography>
  );
}

import { Chip } from '@material-ui/core';
import { isCoachingOnly } from '@teamflow/plugin-teamflow-common';
import { MapEdge } from '../../lib/mapGeometry';
import { useMapStyles } from './mapStyles';

/** A dependency's flags: undeclared or not observed, its modes, blocking, review overdue. */
export function EdgeFlags(props: { edge: MapEdge }) {
  const classes = useMapStyles();
  const { edge } = props;
  return (
    <>
      {edge.classification === 'observed-undeclared' && (
        <Chip size="small" label="undeclared" className={classes.undeclared} />
      )}
      {edge.classification === 'declared-only' && isCoachingOnly(edge) && (
        <Chip size="small" label="coaching: no system dependency expected" />
      )}
      {edge.classification === 'declared-only' && !isCoachingOnly(edge) && (
        <Chip size="small" label="declared, not observed" />
      )}
      {edge.declared.map(d => (
        <Chip
          key={d.interactionRef}
          size="small"
          label={d.mode}
          style={{ marginLeft: 4 }}
        />
      ))}
      {edge.blocking && (
        <Chip size="small" label="blocking" className={classes.flag} />
      )}
      {edge.overdue && (
        <Chip size="small" label="review overdue" className={classes.flag} />
      )}
    </>
  );
}

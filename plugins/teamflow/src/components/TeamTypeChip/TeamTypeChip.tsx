import { Chip, Tooltip, makeStyles } from '@material-ui/core';
import {
  TEAM_TYPE_COLOURS,
  TEAM_TYPE_DESCRIPTIONS,
  TEAM_TYPE_TITLES as LABELS,
  TeamType,
} from '@teamflow/plugin-teamflow-common';

export { TEAM_TYPE_COLOURS };

const useStyles = makeStyles(
  {
    chip: {
      color: '#1a1a1a',
      fontWeight: 600,
      margin: 0,
    },
  },
  { name: 'TeamflowTeamTypeChip' },
);

/** A team type badge in Team Topologies colours, explaining the type on hover. @public */
export function TeamTypeChip(props: {
  type: TeamType | 'undeclared';
  size?: 'small' | 'medium';
}) {
  const classes = useStyles();
  const { type, size = 'medium' } = props;
  return (
    <Tooltip title={TEAM_TYPE_DESCRIPTIONS[type]} arrow>
      <Chip
        className={classes.chip}
        size={size}
        label={LABELS[type]}
        style={{ backgroundColor: TEAM_TYPE_COLOURS[type] }}
        aria-label={`${LABELS[type]} team: ${TEAM_TYPE_DESCRIPTIONS[type]}`}
      />
    </Tooltip>
  );
}

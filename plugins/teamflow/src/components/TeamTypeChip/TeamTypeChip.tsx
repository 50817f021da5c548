import { Chip, Tooltip, makeStyles } from '@material-ui/core';
import {
  TEAM_TYPE_DESCRIPTIONS,
  TeamType,
} from '@teamflow/plugin-teamflow-common';

/**
 * Team Topologies' diagram colours: stream-aligned yellow, platform blue,
 * enabling purple, complicated-subsystem orange; undeclared grey.
 */
export const TEAM_TYPE_COLOURS: Record<TeamType | 'undeclared', string> = {
  'stream-aligned': '#FFE08A',
  platform: '#9CC3F0',
  enabling: '#D7B8EC',
  'complicated-subsystem': '#F6B78C',
  undeclared: '#D9D9D9',
};

const LABELS: Record<TeamType | 'undeclared', string> = {
  'stream-aligned': 'Stream-aligned',
  platform: 'Platform',
  enabling: 'Enabling',
  'complicated-subsystem': 'Complicated-subsystem',
  undeclared: 'Type undeclared',
};

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

/** A team type badge in Team Topologies colours, explaining the type on hover. */
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

import { Chip, ListItem, ListItemText } from '@material-ui/core';
import WarningIcon from '@material-ui/icons/Warning';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import {
  INTERACTION_MODE_DESCRIPTIONS,
  formatDay,
} from '@teamflow/plugin-teamflow-common';
import { TeamInteractionView } from '../../lib/interactions';
import { useTopologyStyles } from './topologyStyles';

/** One declared interaction: the other team, its mode, status and review date. */
export function InteractionItem(props: { view: TeamInteractionView }) {
  const classes = useTopologyStyles();
  const { view } = props;
  return (
    <ListItem disableGutters divider>
      <ListItemText
        secondaryTypographyProps={{
          component: 'div',
          style: { whiteSpace: 'normal' },
        }}
        // Wrapping: Backstage's theme keeps a dense item on one line and
        // hides what overflows (a long team name pushed its chip out of sight).
        primaryTypographyProps={{ style: { whiteSpace: 'normal' } }}
        primary={
          <>
            <Chip
              size="small"
              label={view.mode}
              className={classes.modeChip}
              title={INTERACTION_MODE_DESCRIPTIONS[view.mode]}
            />
            {view.verb}{' '}
            <EntityRefLink entityRef={view.otherTeamRef} defaultKind="group" />
            {view.status !== 'active' && ` (${view.status})`}{' '}
            {view.severity && view.severity !== 'ok' && (
              <Chip
                size="small"
                label={view.severity}
                className={classes[view.severity]}
              />
            )}
          </>
        }
        secondary={
          <>
            {view.purpose}
            {view.reviewBy && (
              <span className={view.overdue ? classes.overdue : undefined}>
                {' · '}
                {view.overdue && <WarningIcon fontSize="inherit" aria-hidden />}
                {view.overdue
                  ? ` review overdue since ${formatDay(view.reviewBy)}`
                  : ` review by ${formatDay(view.reviewBy)}`}
              </span>
            )}{' '}
            ·{' '}
            <EntityRefLink entityRef={view.interactionRef}>
              details
            </EntityRefLink>
          </>
        }
      />
    </ListItem>
  );
}

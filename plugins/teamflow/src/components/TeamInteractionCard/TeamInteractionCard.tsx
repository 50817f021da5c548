import { Box, Chip, Grid, Typography, makeStyles } from '@material-ui/core';
import { InfoCard } from '@backstage/core-components';
import { EntityRefLink, useEntity } from '@backstage/plugin-catalog-react';
import {
  INTERACTION_MODE_DESCRIPTIONS,
  TeamInteractionEntity,
  formatDay,
  interactionModeTitle,
  sentenceCase,
} from '@teamflow/plugin-teamflow-common';
import { ChangeInteraction } from './ChangeInteraction';
import { describeTeamInteractions, todayIso } from '../../lib/interactions';
import { FieldLabel } from '../FieldLabel';

const useStyles = makeStyles(
  theme => ({
    overdue: { color: theme.palette.error.main, fontWeight: 600 },
  }),
  { name: 'TeamflowTeamInteractionCard' },
);

/** The declared interaction: who, how, why, until when. @public */
export function TeamInteractionCard() {
  const classes = useStyles();
  const { entity } = useEntity<TeamInteractionEntity>();
  const { from, to, mode, status, purpose, startDate, reviewBy, dependency } =
    entity.spec;
  const today = todayIso();
  const [view] = describeTeamInteractions(from, [entity], today);
  const field = (label: string, value: React.ReactNode) => (
    <Grid item xs={12} sm={4}>
      <FieldLabel>{label}</FieldLabel>
      <Typography component="div" variant="body2">
        {value}
      </Typography>
    </Grid>
  );
  return (
    <InfoCard title="Team interaction">
      <Typography variant="h6" component="p" paragraph>
        <EntityRefLink entityRef={from} defaultKind="group" /> {view.verb}{' '}
        <EntityRefLink entityRef={to} defaultKind="group" />
      </Typography>
      <Typography paragraph>{purpose}</Typography>
      <Grid container spacing={2}>
        {field(
          'Mode',
          <Chip
            size="small"
            label={interactionModeTitle(mode)}
            title={INTERACTION_MODE_DESCRIPTIONS[mode]}
          />,
        )}
        {field('Status', sentenceCase(status))}
        {field(
          'Dependency',
          dependency?.severity
            ? sentenceCase(dependency.severity)
            : 'Not assessed',
        )}
        {field(
          startDate && startDate > today ? 'Starts' : 'Started',
          startDate ? formatDay(startDate) : '—',
        )}
        {field(
          'Review by',
          reviewBy ? (
            <span className={view.overdue ? classes.overdue : undefined}>
              {formatDay(reviewBy)}
              {view.overdue && ' (overdue)'}
            </span>
          ) : (
            '—'
          ),
        )}
      </Grid>
      <Typography variant="caption" component="p" style={{ marginTop: 16 }}>
        {INTERACTION_MODE_DESCRIPTIONS[mode]}
      </Typography>
      <Box mt={2}>
        <ChangeInteraction entity={entity} today={today} />
      </Box>
    </InfoCard>
  );
}

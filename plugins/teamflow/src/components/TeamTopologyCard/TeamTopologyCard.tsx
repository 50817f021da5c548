import { Grid, List, Typography } from '@material-ui/core';
import {
  InfoCard,
  Link,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import {
  EntityRefLink,
  getEntityRelations,
  useEntity,
} from '@backstage/plugin-catalog-react';
import { RELATION_OWNER_OF } from '@backstage/catalog-model';
import {
  getPlatformGrouping,
  getTeamFocus,
  getTeamType,
  getValueStream,
  valueStreamTitle,
} from '@teamflow/plugin-teamflow-common';
import { TeamTypeChip } from '../TeamTypeChip';
import { FieldLabel } from '../FieldLabel';
import { Field } from './Field';
import { useTeamInteractions } from './useTeamInteractions';
import { useTopologyStyles } from './topologyStyles';
import { InteractionItem } from './InteractionItem';

/**
 * The team's Team Topologies profile and Team API: type, focus, value
 * stream, channels, what it provides, and its interactions now and planned.
 *
 * @public
 */
export function TeamTopologyCard() {
  const classes = useTopologyStyles();
  const { entity } = useEntity();
  const type = getTeamType(entity) ?? 'undeclared';
  const focus = getTeamFocus(entity);
  const valueStream = getValueStream(entity);
  const grouping = getPlatformGrouping(entity);
  const links = entity.metadata.links ?? [];
  const provides = getEntityRelations(entity, RELATION_OWNER_OF, {
    kind: 'api',
  });
  const { value: interactions, loading, error } = useTeamInteractions(entity);
  const current = interactions?.filter(i => i.status !== 'ended') ?? [];
  const ended = (interactions?.length ?? 0) - current.length;

  return (
    <InfoCard
      title="Team Topology"
      subheader="How this team works and how to work with it"
    >
      <div className={classes.chips}>
        <TeamTypeChip type={type} />
      </div>
      {focus && <Typography className={classes.focus}>{focus}</Typography>}
      <Grid container spacing={2}>
        <Field label="Value stream">
          {valueStream ? valueStreamTitle(valueStream) : '—'}
        </Field>
        {grouping && <Field label="Platform grouping">{grouping}</Field>}
        <Field label="Channels">
          {links.length === 0
            ? 'No channels listed (metadata.links)'
            : links.map((l, i) => (
                <span key={l.url}>
                  {i > 0 && ' · '}
                  <Link to={l.url}>{l.title ?? l.url}</Link>
                </span>
              ))}
        </Field>
        <Field label="Provides">
          {provides.length === 0
            ? 'No APIs owned'
            : provides.map((ref, i) => (
                <span key={ref.name}>
                  {i > 0 && ', '}
                  <EntityRefLink entityRef={ref} defaultKind="api" />
                </span>
              ))}
        </Field>
        <Grid item xs={12}>
          <FieldLabel>Interactions</FieldLabel>
          {loading && <Progress />}
          {error && <ResponseErrorPanel error={error} />}
          {interactions && current.length === 0 && (
            <Typography variant="body2">
              No declared interactions. Declare how this team works with others
              as TeamInteraction entities.
            </Typography>
          )}
          {current.length > 0 && (
            <List dense aria-label="Interactions">
              {current.map(view => (
                <InteractionItem key={view.interactionRef} view={view} />
              ))}
            </List>
          )}
          {ended > 0 && (
            <Typography variant="caption">
              {ended} ended interaction{ended > 1 ? 's' : ''} not shown.
            </Typography>
          )}
        </Grid>
      </Grid>
    </InfoCard>
  );
}

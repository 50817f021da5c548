import {
  Chip,
  Grid,
  List,
  ListItem,
  ListItemText,
  Typography,
  makeStyles,
} from '@material-ui/core';
import WarningIcon from '@material-ui/icons/Warning';
import useAsync from 'react-use/esm/useAsync';
import {
  InfoCard,
  Link,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import {
  EntityRefLink,
  catalogApiRef,
  getEntityRelations,
  useEntity,
} from '@backstage/plugin-catalog-react';
import {
  Entity,
  RELATION_OWNER_OF,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import {
  INTERACTION_MODE_DESCRIPTIONS,
  TeamInteractionEntity,
  getPlatformGrouping,
  getTeamFocus,
  getTeamType,
  getValueStream,
  formatDay,
  valueStreamTitle,
} from '@teamflow/plugin-teamflow-common';
import { TeamTypeChip } from '../TeamTypeChip';
import {
  TeamInteractionView,
  describeTeamInteractions,
  todayIso,
} from '../../lib/interactions';
import { FieldLabel } from '../FieldLabel';

const useStyles = makeStyles(
  theme => ({
    focus: { fontSize: '1.05rem', margin: theme.spacing(1, 0) },
    overdue: { color: theme.palette.error.main, fontWeight: 600 },
    chips: { display: 'flex', gap: theme.spacing(1), flexWrap: 'wrap' },
    modeChip: { marginRight: theme.spacing(1) },
    blocking: {
      backgroundColor: theme.palette.error.main,
      color: theme.palette.error.contrastText,
    },
    slowing: {
      backgroundColor: theme.palette.warning.main,
      color: theme.palette.warning.contrastText,
    },
  }),
  { name: 'TeamflowTeamTopologyCard' },
);

function Field(props: { label: string; children: React.ReactNode }) {
  return (
    <Grid item xs={12} sm={6}>
      <FieldLabel>{props.label}</FieldLabel>
      <Typography component="div" variant="body2">
        {props.children}
      </Typography>
    </Grid>
  );
}

function InteractionItem(props: { view: TeamInteractionView }) {
  const classes = useStyles();
  const { view } = props;
  return (
    <ListItem disableGutters divider>
      <ListItemText
        secondaryTypographyProps={{
          component: 'div',
          style: { whiteSpace: 'normal' },
        }}
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
            {view.status !== 'active' && ` (${view.status})`}
            {view.severity && view.severity !== 'ok' && (
              <Chip
                size="small"
                label={view.severity}
                className={classes[view.severity]}
                style={{ marginLeft: 8 }}
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

function useTeamInteractions(entity: Entity) {
  const catalogApi = useApi(catalogApiRef);
  const ref = stringifyEntityRef(entity);
  return useAsync(async () => {
    const { items } = await catalogApi.getEntities({
      filter: [
        { kind: 'TeamInteraction', 'spec.from': ref },
        { kind: 'TeamInteraction', 'spec.to': ref },
      ],
    });
    return describeTeamInteractions(
      ref,
      items as TeamInteractionEntity[],
      todayIso(),
    );
  }, [catalogApi, ref]);
}

/**
 * The team's Team Topologies profile and Team API: type, focus, value
 * stream, channels, what it provides, and its interactions now and planned.
 *
 * @public
 */
export function TeamTopologyCard() {
  const classes = useStyles();
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

import {
  Chip,
  List,
  ListItem,
  ListItemText,
  Typography,
  makeStyles,
} from '@material-ui/core';
import {
  InfoCard,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { EntityRefLink, useEntity } from '@backstage/plugin-catalog-react';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import {
  FeatureEntity,
  FeatureLifecycle,
  TEAMFLOW_RELATIONS,
} from '@teamflow/plugin-teamflow-common';
import { useApi } from '@backstage/core-plugin-api';
import useAsync from 'react-use/esm/useAsync';
import { useRelatedByType } from '../../hooks/useRelatedByType';
import { teamflowApiRef } from '../../api/TeamflowApi';
import { changeOf, formatUsers, signed } from '../../lib/usage';
import { FieldLabel } from '../FieldLabel';

const useStyles = makeStyles(
  theme => ({
    chips: { display: 'flex', gap: theme.spacing(1), flexWrap: 'wrap' },
    why: { whiteSpace: 'normal' },
    note: { color: theme.palette.text.secondary },
  }),
  { name: 'TeamflowFeatureCards' },
);

const LIFECYCLE_TEXT: Record<FeatureLifecycle, string> = {
  idea: 'idea',
  discovery: 'in discovery',
  building: 'being built',
  launched: 'launched',
  retired: 'retired',
};

/**
 * A feature: what it is, its lifecycle and owning team, the outcome it
 * should move, the personas it is aimed at and why, the components
 * implementing it and the events that count as its use.
 *
 * @public
 */
export function FeatureCard() {
  const classes = useStyles();
  const feature = useEntity<FeatureEntity>().entity;
  const {
    owner,
    lifecycle,
    outcome,
    targets = [],
    implementedBy = [],
    analytics,
  } = feature.spec;
  return (
    <InfoCard title="Feature">
      {feature.metadata.description && (
        <Typography paragraph>{feature.metadata.description}</Typography>
      )}
      <div className={classes.chips}>
        <Chip
          label={LIFECYCLE_TEXT[lifecycle] ?? lifecycle}
          color={lifecycle === 'launched' ? 'primary' : 'default'}
        />
      </div>
      <FieldLabel>Owner</FieldLabel>
      <EntityRefLink entityRef={owner} defaultKind="group" />
      <FieldLabel>Outcome it should move</FieldLabel>
      <Typography variant="body2">{outcome ?? 'Not stated yet.'}</Typography>
      <FieldLabel>Aimed at</FieldLabel>
      {targets.length === 0 ? (
        <Typography variant="body2">
          No persona targeted yet (spec.targets).
        </Typography>
      ) : (
        <List dense aria-label="Personas aimed at">
          {targets.map(t => (
            <ListItem key={t.persona} disableGutters divider>
              <ListItemText
                primary={
                  <EntityRefLink entityRef={t.persona} defaultKind="persona" />
                }
                secondary={t.why}
                secondaryTypographyProps={{ className: classes.why }}
              />
            </ListItem>
          ))}
        </List>
      )}
      <FieldLabel>Implemented by</FieldLabel>
      {implementedBy.length === 0 ? (
        <Typography variant="body2">No component listed yet.</Typography>
      ) : (
        <div className={classes.chips}>
          {implementedBy.map(c => (
            <EntityRefLink key={c} entityRef={c} defaultKind="component" />
          ))}
        </div>
      )}
      <FieldLabel>Counts as use</FieldLabel>
      <div className={classes.chips}>
        {(analytics?.events ?? []).map(e => (
          <Chip key={e} label={e} size="small" variant="outlined" />
        ))}
        {!analytics?.events?.length && (
          <Typography variant="body2">
            No analytics events declared (spec.analytics.events).
          </Typography>
        )}
      </div>
      {Boolean(analytics?.success?.length || analytics?.failure?.length) && (
        <>
          <FieldLabel>Task success</FieldLabel>
          <Typography variant="body2">
            Succeeded: {(analytics?.success ?? []).join(', ') || '–'}; failed:{' '}
            {(analytics?.failure ?? []).join(', ') || '–'}
          </Typography>
        </>
      )}
      {analytics?.happiness && (
        <>
          <FieldLabel>Happiness</FieldLabel>
          <Typography variant="body2">
            The {analytics.happiness.property} of {analytics.happiness.event}
          </Typography>
        </>
      )}
    </InfoCard>
  );
}

/** A persona's `why` in a feature's targets. */
function whyFor(feature: Entity, personaRef: string) {
  // Fetched with only the fields the card needs (no apiVersion).
  const targets = (feature.spec as FeatureEntity['spec'] | undefined)?.targets;
  return targets?.find(t => t.persona.toLocaleLowerCase('en-US') === personaRef)
    ?.why;
}

/**
 * On a persona's page: the features aimed at it, each with why and where it
 * is in its life.
 *
 * @public
 */
export function PersonaFeaturesCard() {
  const classes = useStyles();
  const { entity } = useEntity();
  const self = stringifyEntityRef(entity).toLocaleLowerCase('en-US');
  const { value, loading, error } = useRelatedByType(
    entity,
    TEAMFLOW_RELATIONS.targetedBy,
  );
  let body;
  if (loading) body = <Progress />;
  else if (error) body = <ResponseErrorPanel error={error} />;
  else if (!value?.length)
    body = (
      <Typography variant="body2">
        No feature is aimed at this persona yet (a Feature&apos;s spec.targets).
      </Typography>
    );
  else
    body = (
      <List dense aria-label="Features aimed at this persona">
        {[...value]
          .sort((a, b) =>
            (a.metadata.title ?? a.metadata.name).localeCompare(
              b.metadata.title ?? b.metadata.name,
              'en',
            ),
          )
          .map(f => (
            <ListItem key={f.metadata.name} disableGutters divider>
              <ListItemText
                primary={
                  <>
                    <EntityRefLink entityRef={f} />{' '}
                    <Chip
                      size="small"
                      variant="outlined"
                      label={
                        LIFECYCLE_TEXT[f.spec?.lifecycle as FeatureLifecycle] ??
                        String(f.spec?.lifecycle)
                      }
                    />
                  </>
                }
                secondary={whyFor(f, self)}
                secondaryTypographyProps={{ className: classes.why }}
              />
            </ListItem>
          ))}
      </List>
    );
  return <InfoCard title="Features aimed at this persona">{body}</InfoCard>;
}

/**
 * On a team's page: the features the team owns, where each is in its life,
 * whom it is aimed at and the outcome it should move.
 *
 * @public
 */
export function TeamFeaturesCard() {
  const classes = useStyles();
  const { entity } = useEntity();
  const { value, loading, error } = useRelatedByType(entity, 'ownerOf');
  const api = useApi(teamflowApiRef);
  const team = stringifyEntityRef(entity).toLocaleLowerCase('en-US');
  // Usage is extra: without analytics the card still lists the features.
  const usage = useAsync(
    () => api.getUsage({ team, weeks: 4 }).catch(() => undefined),
    [api, team],
  ).value;
  const usageOf = (feature: Entity) => {
    if (!usage?.connected) return undefined;
    const ref = stringifyEntityRef(feature).toLocaleLowerCase('en-US');
    const rows = usage.usage.filter(u => u.feature === ref);
    const users = rows.reduce((n, u) => n + u.activeUsers, 0);
    const weekly = (rows[0]?.weekly ?? []).map((w, i) => ({
      week: w.week,
      activeUsers: rows.reduce(
        (n, u) => n + (u.weekly[i]?.activeUsers ?? 0),
        0,
      ),
    }));
    const change = changeOf(weekly, 4);
    return `${formatUsers(users)} users a week${
      change === undefined
        ? ''
        : ` (${signed(change)} against the 4 weeks before)`
    }`;
  };
  const features = (value ?? [])
    .filter(e => e.kind.toLocaleLowerCase('en-US') === 'feature')
    .sort((a, b) =>
      (a.metadata.title ?? a.metadata.name).localeCompare(
        b.metadata.title ?? b.metadata.name,
        'en',
      ),
    );
  let body;
  if (loading) body = <Progress />;
  else if (error) body = <ResponseErrorPanel error={error} />;
  else if (features.length === 0)
    body = (
      <Typography variant="body2">
        This team owns no Feature entity yet.
      </Typography>
    );
  else
    body = (
      <List dense aria-label="Features of this team">
        {features.map(f => {
          const spec = f.spec as FeatureEntity['spec'];
          return (
            <ListItem key={f.metadata.name} disableGutters divider>
              <ListItemText
                primary={
                  <>
                    <EntityRefLink entityRef={f} />{' '}
                    <Chip
                      size="small"
                      variant="outlined"
                      label={LIFECYCLE_TEXT[spec.lifecycle] ?? spec.lifecycle}
                    />
                  </>
                }
                secondaryTypographyProps={{
                  component: 'div',
                  className: classes.why,
                }}
                secondary={
                  <>
                    {spec.outcome && <div>Moves: {spec.outcome}</div>}
                    {usageOf(f) && <div>Used by {usageOf(f)}</div>}
                    {(spec.targets ?? []).length > 0 && (
                      <div>
                        For{' '}
                        {(spec.targets ?? []).map((t, i) => (
                          <span key={t.persona}>
                            {i > 0 && ', '}
                            <EntityRefLink
                              entityRef={t.persona}
                              defaultKind="persona"
                            />
                          </span>
                        ))}
                      </div>
                    )}
                  </>
                }
              />
            </ListItem>
          );
        })}
      </List>
    );
  return (
    <InfoCard title="Features and the outcomes they move">{body}</InfoCard>
  );
}

import {
  Chip,
  List,
  ListItem,
  ListItemText,
  Typography,
} from '@material-ui/core';
import { InfoCard } from '@backstage/core-components';
import { EntityRefLink, useEntity } from '@backstage/plugin-catalog-react';
import { FeatureEntity } from '@teamflow/plugin-teamflow-common';
import { FieldLabel } from '../FieldLabel';
import { useFeatureStyles, LIFECYCLE_TEXT } from './featureStyles';

/**
 * A feature: what it is, its lifecycle and owning team, the outcome it
 * should move, the personas it is aimed at and why, the components
 * implementing it and the events that count as its use.
 *
 * @public
 */
export function FeatureCard() {
  const classes = useFeatureStyles();
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

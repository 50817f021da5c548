import {
  Chip,
  List,
  ListItem,
  ListItemText,
  Typography,
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
import { useRelatedByType } from '../../hooks/useRelatedByType';
import { useFeatureStyles, LIFECYCLE_TEXT } from './featureStyles';
import { ChipRow } from '../ChipRow';

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
  const classes = useFeatureStyles();
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
                  <ChipRow>
                    <EntityRefLink entityRef={f} />
                    <Chip
                      size="small"
                      variant="outlined"
                      label={
                        LIFECYCLE_TEXT[f.spec?.lifecycle as FeatureLifecycle] ??
                        String(f.spec?.lifecycle)
                      }
                    />
                  </ChipRow>
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

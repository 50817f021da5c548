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
import { FeatureEntity } from '@teamflow/plugin-teamflow-common';
import { useApi } from '@backstage/core-plugin-api';
import useAsync from 'react-use/esm/useAsync';
import { useRelatedByType } from '../../hooks/useRelatedByType';
import { teamflowApiRef } from '../../api/TeamflowApi';
import { changeOf, formatUsers, signed } from '../../lib/usage';
import { useFeatureStyles, LIFECYCLE_TEXT } from './featureStyles';
import { ChipRow } from '../ChipRow';

/**
 * On a team's page: the features the team owns, where each is in its life,
 * whom it is aimed at and the outcome it should move.
 *
 * @public
 */
export function TeamFeaturesCard() {
  const classes = useFeatureStyles();
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
                  <ChipRow>
                    <EntityRefLink entityRef={f} />
                    <Chip
                      size="small"
                      variant="outlined"
                      label={LIFECYCLE_TEXT[spec.lifecycle] ?? spec.lifecycle}
                    />
                  </ChipRow>
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

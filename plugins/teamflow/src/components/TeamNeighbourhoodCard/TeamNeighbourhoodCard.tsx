import { Grid, Typography } from '@material-ui/core';
import useAsync from 'react-use/esm/useAsync';
import {
  InfoCard,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { useEntity } from '@backstage/plugin-catalog-react';
import {
  formatDateTime,
  isCoachingOnly,
  TEAM_TYPE_LABEL,
} from '@teamflow/plugin-teamflow-common';
import { teamflowApiRef } from '../../api/TeamflowApi';
import { FieldLabel } from '../FieldLabel';
import { useNeighbourhoodStyles } from './neighbourhoodStyles';
import { EdgeList } from './EdgeList';

/**
 * A team's dependencies (declared vs observed) and its structural cognitive
 * load with the reasons behind the score.
 *
 * @public
 */
export function TeamNeighbourhoodCard() {
  const classes = useNeighbourhoodStyles();
  const { entity } = useEntity();
  const api = useApi(teamflowApiRef);
  const ref = {
    namespace: entity.metadata.namespace ?? 'default',
    name: entity.metadata.name,
  };
  const { value, loading, error } = useAsync(async () => {
    const [neighbourhood, load] = await Promise.all([
      api.getTeamNeighbourhood(ref),
      api.getStructuralLoad(ref),
    ]);
    return { neighbourhood, load };
  }, [api, ref.namespace, ref.name]);
  if (loading)
    return (
      <InfoCard title="Dependencies and structural load">
        <Progress />
      </InfoCard>
    );
  if (error || !value) {
    return (
      <InfoCard title="Dependencies and structural load">
        <ResponseErrorPanel error={error ?? new Error('No data')} />
      </InfoCard>
    );
  }
  const { neighbourhood, load } = value;
  const self = neighbourhood.team.ref;
  const dependsOn = neighbourhood.edges.filter(e => e.from === self);
  const dependedOnBy = neighbourhood.edges.filter(e => e.to === self);
  return (
    <InfoCard
      title="Dependencies and structural load"
      subheader={`Derived from the catalog at ${formatDateTime(
        neighbourhood.generatedAt,
      )}`}
    >
      <Grid container spacing={2}>
        <Grid item xs={12} md={4}>
          <FieldLabel>Structural load</FieldLabel>
          {load.score === 0 &&
          entity.metadata.labels?.[TEAM_TYPE_LABEL] === 'enabling' ? (
            <Typography variant="body2">
              Not applicable: an enabling team owns no systems; its load is the
              teams it coaches ({dependedOnBy.filter(isCoachingOnly).length}{' '}
              now).
            </Typography>
          ) : (
            <>
              <Typography className={`${classes.score} ${classes[load.band]}`}>
                {load.score}
              </Typography>
              <Typography variant="body2" gutterBottom>
                {load.band} · {load.points} points × {load.sizeFactor} for team
                size
              </Typography>
              {load.complexDomainPlusOther && (
                <Typography variant="body2" color="error">
                  Owns a complex domain and things outside it.
                </Typography>
              )}
              <ul
                style={{ margin: 0, paddingLeft: 18 }}
                aria-label="Load contributions"
              >
                {load.contributions.map(c => (
                  <li key={c.reason}>
                    <Typography variant="body2">
                      {c.reason}: {c.points}
                    </Typography>
                  </li>
                ))}
              </ul>
            </>
          )}
        </Grid>
        <Grid item xs={12} md={4}>
          <FieldLabel>Depends on ({dependsOn.length})</FieldLabel>
          <EdgeList edges={dependsOn} other={e => e.to} label="Depends on" />
        </Grid>
        <Grid item xs={12} md={4}>
          <FieldLabel>Depended on by ({dependedOnBy.length})</FieldLabel>
          <EdgeList
            edges={dependedOnBy}
            other={e => e.from}
            label="Depended on by"
          />
        </Grid>
      </Grid>
    </InfoCard>
  );
}

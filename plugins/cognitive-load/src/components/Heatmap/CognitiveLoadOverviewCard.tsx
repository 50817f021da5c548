import { List, ListItem, ListItemText, Typography } from '@material-ui/core';
import useAsync from 'react-use/esm/useAsync';
import { InfoCard, Progress } from '@backstage/core-components';
import { useApi, useRouteRef } from '@backstage/core-plugin-api';
import { ResponseError } from '@backstage/errors';
import { cognitiveLoadApiRef } from '../../api/CognitiveLoadApi';
import { rootRouteRef } from '../../routes';

/** High perceived load: a team median at or above this. */
export const HIGH_LOAD = 60;

/**
 * For the CTO overview: how many surveyed teams have results in the latest
 * wave, which carry high perceived load, and how many are below k.
 */
export function CognitiveLoadOverviewCard() {
  const api = useApi(cognitiveLoadApiRef);
  const link = `${useRouteRef(rootRouteRef)()}/results`;
  // Asked first, so a reader who may not open the heatmap (no results
  // permission, no wave of their own) is not sent a refusal.
  const access = useAsync(
    async () => (await api.listWaves()).canReadResults,
    [api],
  );
  const { value, loading, error } = useAsync(
    async () => (access.value ? api.getHeatmap() : undefined),
    [api, access.value],
  );
  let body;
  if (access.loading || loading) body = <Progress />;
  else if (access.error) {
    body = <Typography variant="body2">{access.error.message}</Typography>;
  } else if (!access.value) {
    body = (
      <Typography variant="body2">
        Every team's perceived load is shown to people with the results
        permission, and a wave's results to whoever ran it; your own team's
        results are on its page.
      </Typography>
    );
  } else if (error) {
    body = (
      <Typography variant="body2">
        {(error as ResponseError).response?.status === 403
          ? 'The org heatmap needs the results permission.'
          : error.message}
      </Typography>
    );
  } else if (!value?.wave) {
    body = <Typography variant="body2">No wave has results yet.</Typography>;
  } else {
    const teams = value.rows.filter(r => r.surveyed);
    const released = teams.filter(r => r.status === 'released');
    const high = released
      .filter(r => (r.scores?.load?.median ?? 0) >= HIGH_LOAD)
      .sort(
        (a, b) => (b.scores?.load?.median ?? 0) - (a.scores?.load?.median ?? 0),
      );
    body = (
      <>
        <Typography variant="overline">{value.wave.title}</Typography>
        <Typography variant="body2" gutterBottom>
          {released.length} of {teams.length} teams with results
          {value.coverage ? `, ${value.coverage.people} people` : ''};{' '}
          {teams.length - released.length} below k = {value.k} or without
          answers.
        </Typography>
        <Typography variant="body2">
          {high.length} with high perceived load ({HIGH_LOAD}+):
        </Typography>
        <List dense aria-label="Teams with high perceived load">
          {high.slice(0, 5).map(r => (
            <ListItem key={r.ref} disableGutters>
              <ListItemText
                style={{ whiteSpace: 'normal' }}
                primary={`${r.title}: ${Math.round(
                  r.scores?.load?.median ?? 0,
                )}`}
              />
            </ListItem>
          ))}
        </List>
      </>
    );
  }
  return (
    <InfoCard
      title="Cognitive load (surveys)"
      deepLink={{ title: 'Org heatmap', link }}
    >
      {body}
    </InfoCard>
  );
}

import useAsync from 'react-use/esm/useAsync';
import {
  Box,
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
import { useApi } from '@backstage/core-plugin-api';
import { useEntity } from '@backstage/plugin-catalog-react';
import { deliveryApiRef } from '../../api/DeliveryApi';
import { tilesOf } from '../../lib/format';
import { windowOf } from '../../lib/window';
import { scopeOf } from './scopeOf';

/** Entity card (component, system or team): the five numbers of the last 90 days. */
export function EntityDeliveryCard(props: {
  /**
   * Show nothing while no deployment reached production in the window: for
   * teams (platform, enabling) whose pipelines may not report.
   */
  hideWhenEmpty?: boolean;
}) {
  const { entity } = useEntity();
  const api = useApi(deliveryApiRef);
  const scope = scopeOf(entity);
  const { value, loading, error } = useAsync(
    () => api.getSummary({ ...scope, ...windowOf(90) }),
    [api, JSON.stringify(scope)],
  );
  let body;
  if (loading) body = <Progress />;
  else if (error) body = <ResponseErrorPanel error={error} />;
  else if (value!.summary.coverage.deployments === 0) {
    if (props.hideWhenEmpty) return null;
    body = (
      <Typography color="textSecondary">
        No deployments to {value!.environment} in the last 90 days.
      </Typography>
    );
  } else {
    const tiles = tilesOf(
      value!.summary,
      2024,
      value!.definitions.minimumSample,
      value!.targets,
    );
    body = (
      <List dense aria-label="Delivery flow, last 90 days">
        {tiles.map(t => (
          <ListItem key={t.key} disableGutters>
            <ListItemText
              style={{ whiteSpace: 'normal' }}
              primary={`${t.title}: ${
                t.value === null
                  ? 'not enough data'
                  : `${t.approximate ? '≈ ' : ''}${t.value}`
              }`}
              secondary={[
                t.band ? `${t.band.band} (DORA 2024)` : '',
                t.target
                  ? `${t.target.met ? 'meets' : 'misses'} ${t.target.text}`
                  : '',
              ]
                .filter(Boolean)
                .join(' · ')}
            />
          </ListItem>
        ))}
      </List>
    );
  }
  return (
    <InfoCard
      title="Delivery flow"
      subheader={`Last 90 days, ${value?.environment ?? 'production'}`}
      deepLink={{ title: 'Trends and events', link: 'delivery' }}
    >
      <Box>{body}</Box>
    </InfoCard>
  );
}

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
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import { formatDay } from '@teamflow/plugin-teamflow-common';
import { teamflowApiRef } from '../../api/TeamflowApi';
import { MapEdge } from '../../lib/mapGeometry';
import { shortRef } from '../../lib/mapFilter';
import { EdgeFlags } from './EdgeFlags';

/** A dependency: the interactions declaring it and the entity-level edges behind it. */
export function EdgeDetails(props: {
  edge: MapEdge;
  titles: Map<string, string>;
  /** The day of a past map: history keeps no entity-level edges. */
  asOf?: string;
}) {
  const api = useApi(teamflowApiRef);
  const { edge, titles, asOf } = props;
  const details = useAsync(
    async () => (asOf ? undefined : api.getTeamEdge(edge.from, edge.to)),
    [api, edge.from, edge.to, asOf],
  );
  return (
    <InfoCard title="Dependency" noPadding={false}>
      <Typography variant="subtitle1" gutterBottom>
        <EntityRefLink entityRef={edge.from} defaultKind="group" /> depends on{' '}
        <EntityRefLink entityRef={edge.to} defaultKind="group" />
      </Typography>
      <Box mb={1}>
        <EdgeFlags edge={edge} />
      </Box>
      {edge.declared.length > 0 && (
        <>
          <Typography variant="overline">Declared</Typography>
          <List dense aria-label="Declared interactions">
            {edge.declared.map(d => (
              <ListItem key={d.interactionRef} disableGutters>
                <ListItemText
                  primary={<EntityRefLink entityRef={d.interactionRef} />}
                  secondary={`${d.mode}, ${d.status}${
                    d.reviewBy ? `, review by ${formatDay(d.reviewBy)}` : ''
                  }${d.overdue ? ' (overdue)' : ''}${
                    d.severity ? `, severity ${d.severity}` : ''
                  }`}
                />
              </ListItem>
            ))}
          </List>
        </>
      )}
      <Typography variant="overline">
        Observed: {edge.weight} entity-level edge{edge.weight === 1 ? '' : 's'}
      </Typography>
      {details.loading && <Progress />}
      {details.error && <ResponseErrorPanel error={details.error} />}
      {details.value && details.value.observed.length > 0 && (
        <List dense aria-label="Entity-level edges">
          {details.value.observed.map(o => (
            <ListItem key={`${o.source}>${o.target}`} disableGutters divider>
              <ListItemText
                primary={
                  <>
                    <EntityRefLink entityRef={o.source} /> →{' '}
                    <EntityRefLink entityRef={o.target} />
                  </>
                }
                secondary={o.type}
              />
            </ListItem>
          ))}
        </List>
      )}
      {asOf && (
        <Typography variant="body2">
          The organisation&apos;s history keeps dependencies between teams, not
          the components behind them or the interactions declaring them: see
          today&apos;s map for those.
        </Typography>
      )}
      {details.value && details.value.observed.length === 0 && (
        <Typography variant="body2">
          Declared in a TeamInteraction, but no component of{' '}
          {titles.get(edge.from) ?? shortRef(edge.from)} depends on one of{' '}
          {titles.get(edge.to) ?? shortRef(edge.to)} in the catalog.
        </Typography>
      )}
    </InfoCard>
  );
}

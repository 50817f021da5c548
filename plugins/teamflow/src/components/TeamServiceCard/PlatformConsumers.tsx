import { List, ListItem, ListItemText, Typography } from '@material-ui/core';
import useAsync from 'react-use/esm/useAsync';
import {
  InfoCard,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import { parseEntityRef } from '@backstage/catalog-model';
import { interactionModeTitle } from '@teamflow/plugin-teamflow-common';
import { teamflowApiRef } from '../../api/TeamflowApi';

/**
 * A platform team's consumers: each team depending on it, through which of
 * its APIs and components (observed in the catalog), and whether the
 * relationship is declared.
 */
export function PlatformConsumers(props: { teamRef: string }) {
  const api = useApi(teamflowApiRef);
  const { namespace, name } = parseEntityRef(props.teamRef);
  const { value, loading, error } = useAsync(
    () => api.getTeamNeighbourhood({ namespace, name }),
    [api, namespace, name],
  );
  let body;
  if (loading) body = <Progress />;
  else if (error) body = <ResponseErrorPanel error={error} />;
  else {
    const consumers = value!.edges
      .filter(e => e.to === props.teamRef)
      .sort((a, b) => b.weight - a.weight || a.from.localeCompare(b.from));
    body =
      consumers.length === 0 ? (
        <Typography variant="body2">
          No team depends on this platform yet: consumers show up here when
          their components declare dependsOn or consumesApi on what it owns.
        </Typography>
      ) : (
        <List dense aria-label="Teams using the platform">
          {consumers.map(e => {
            const through = [...new Set(e.observed.map(o => o.target))];
            return (
              <ListItem key={e.from} disableGutters divider>
                <ListItemText
                  primary={
                    <EntityRefLink entityRef={e.from} defaultKind="group" />
                  }
                  secondaryTypographyProps={{
                    component: 'div',
                    style: { whiteSpace: 'normal' },
                  }}
                  secondary={
                    <>
                      {through.length > 0 ? (
                        <div>
                          Through{' '}
                          {through.map((t, n) => (
                            <span key={t}>
                              {n > 0 && ', '}
                              <EntityRefLink entityRef={t} />
                            </span>
                          ))}
                        </div>
                      ) : (
                        <div>No API or component use observed</div>
                      )}
                      <div>
                        {e.declared.length > 0
                          ? `Declared: ${e.declared
                              .map(d => interactionModeTitle(d.mode))
                              .join(', ')}`
                          : 'Not declared as a TeamInteraction'}
                      </div>
                    </>
                  }
                />
              </ListItem>
            );
          })}
        </List>
      );
  }
  return (
    <InfoCard
      title="Teams using the platform"
      subheader="Who depends on this platform, and through which APIs and components"
    >
      {body}
    </InfoCard>
  );
}

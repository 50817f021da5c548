import { useState } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { Box, Checkbox, FormControlLabel, Typography } from '@material-ui/core';
import { Progress, ResponseErrorPanel } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { DoraReportYear } from '@teamflow/plugin-delivery-common';
import { FlowQuery, deliveryApiRef } from '../../api/DeliveryApi';
import { windowOf } from '../../lib/window';
import { FlowControls } from './FlowControls';
import { FlowTiles } from './FlowTiles';
import { HowComputed } from './HowComputed';

/** Summary of one entity or team with controls, tiles and the explanation. */
export function FlowSummaryView(props: {
  entityRef?: string;
  teamRef?: string;
  compact?: boolean;
}) {
  const api = useApi(deliveryApiRef);
  const [days, setDays] = useState(90);
  const [year, setYear] = useState<DoraReportYear>(2024);
  const [environment, setEnvironment] = useState<string>();
  const [includeChildTeams, setIncludeChildTeams] = useState(true);
  const query: FlowQuery = {
    entityRef: props.entityRef,
    teamRef: props.teamRef,
    includeChildTeams: props.teamRef ? includeChildTeams : undefined,
    environment,
    ...windowOf(days),
  };
  const key = JSON.stringify(query);
  const { value, loading, error } = useAsync(
    () => api.getSummary(query),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [key],
  );
  if (error) return <ResponseErrorPanel error={error} />;
  if (!value) return <Progress />;
  const empty =
    value.summary.coverage.deployments === 0 &&
    value.summary.coverage.incidents === 0;
  return (
    <Box>
      <FlowControls
        days={days}
        onDays={setDays}
        year={year}
        onYear={setYear}
        environment={value.environment}
        environments={value.environments}
        onEnvironment={setEnvironment}
      >
        {props.teamRef && (
          <FormControlLabel
            control={
              <Checkbox
                checked={includeChildTeams}
                onChange={e => setIncludeChildTeams(e.target.checked)}
                color="primary"
              />
            }
            label="Include child teams"
          />
        )}
        {loading && <Typography variant="caption">Updating…</Typography>}
      </FlowControls>
      {empty ? (
        <Box my={2}>
          <Typography variant="h6">No delivery events yet</Typography>
          <Typography color="textSecondary">
            Nothing was deployed to {value.environment} in this window. Send
            CDEvents from your pipeline, connect the GitHub, GitLab or PagerDuty
            webhooks, or annotate the components with github.com/project-slug
            for the GitHub backfill.
          </Typography>
        </Box>
      ) : (
        <FlowTiles
          summary={value.summary}
          definitions={value.definitions}
          year={year}
          targets={value.targets}
          query={query}
        />
      )}
      <Box mt={2}>
        <HowComputed definitions={value.definitions} year={year} />
      </Box>
    </Box>
  );
}

import {
  Accordion,
  AccordionDetails,
  AccordionSummary,
  Box,
  Typography,
} from '@material-ui/core';
import ExpandMoreIcon from '@material-ui/icons/ExpandMore';
import {
  DORA_BANDS,
  DoraReportYear,
  FlowDefinitions,
} from '@teamflow/plugin-delivery-common';
import { TileKey, definitionOf } from '../../lib/format';

/** "How is this computed": the definitions in force and where the bands come from. */
export function HowComputed(props: {
  definitions: FlowDefinitions;
  year: DoraReportYear;
}) {
  const d = props.definitions;
  const keys: TileKey[] = [
    'deploymentFrequency',
    'leadTime',
    'changeFailRate',
    'recoveryTime',
    'reworkRate',
  ];
  return (
    <Accordion variant="outlined">
      <AccordionSummary expandIcon={<ExpandMoreIcon />}>
        <Typography>How is this computed?</Typography>
      </AccordionSummary>
      <AccordionDetails>
        <Box>
          <Typography variant="body2" paragraph>
            Events come from CDEvents sent by CI/CD pipelines, GitHub, GitLab
            and PagerDuty webhooks and the GitHub backfill. Each is attributed
            to its catalog entity and to the team owning it when it happened.
            Environment: <b>{d.environment}</b>; lead time starts at{' '}
            <b>{d.leadTimeStart}</b>; incidents within{' '}
            <b>{d.failureWindowHours} h</b> of a deployment count against it
            unless the source links them explicitly; fewer than{' '}
            <b>{d.minimumSample}</b> observations show “not enough data”.
          </Typography>
          {keys.map(k => (
            <Typography variant="body2" key={k} paragraph>
              {definitionOf(k, d)}
            </Typography>
          ))}
          <Typography variant="body2" paragraph>
            Medians are exact for components, systems and teams; on the
            organisation page they come from histograms (marked ≈, within a
            factor of √2).
          </Typography>
          <Typography variant="body2">
            Bands: {DORA_BANDS[props.year].source}. Bands are context for a
            team's own trend, not a ranking of teams.
          </Typography>
        </Box>
      </AccordionDetails>
    </Accordion>
  );
}

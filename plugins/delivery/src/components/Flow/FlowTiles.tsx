import { useState } from 'react';
import { Box, Grid, Link, Typography } from '@material-ui/core';
import {
  DoraReportYear,
  FlowDefinitions,
  FlowSummary,
  FlowTargets,
} from '@teamflow/plugin-delivery-common';
import { DrillDownFilter, FlowQuery } from '../../api/DeliveryApi';
import { TileKey, percent, tilesOf } from '../../lib/format';
import { DrillDownDialog } from './DrillDownDialog';
import { TileView } from './TileView';

const drillFor: Record<TileKey, DrillDownFilter | undefined> = {
  deploymentFrequency: undefined,
  leadTime: 'with-changes',
  changeFailRate: 'failed',
  recoveryTime: 'failed',
  reworkRate: 'rework',
};

/** The five tiles with coverage; tiles open their events when a query is given. */
export function FlowTiles(props: {
  summary: FlowSummary;
  definitions: FlowDefinitions;
  year: DoraReportYear;
  targets?: FlowTargets;
  query?: FlowQuery;
}) {
  const [open, setOpen] = useState<{ title: string; only?: DrillDownFilter }>();
  const tiles = tilesOf(
    props.summary,
    props.year,
    props.definitions.minimumSample,
    props.targets,
  );
  const c = props.summary.coverage;
  return (
    <>
      <Grid container spacing={2}>
        {tiles.map(tile => (
          <Grid item xs={12} sm={6} md key={tile.key} style={{ minWidth: 0 }}>
            <TileView
              tile={tile}
              definitions={props.definitions}
              minimumSample={props.definitions.minimumSample}
              onOpen={
                props.query
                  ? () =>
                      setOpen({ title: tile.title, only: drillFor[tile.key] })
                  : undefined
              }
            />
          </Grid>
        ))}
      </Grid>
      <Box mt={1} display="flex" flexWrap="wrap" style={{ gap: 16 }}>
        <Typography variant="body2" color="textSecondary">
          Coverage: {percent(c.deploymentsWithChanges)} of {c.deployments}{' '}
          deployments have linked changes
        </Typography>
        <Typography variant="body2" color="textSecondary">
          {c.incidentsWithoutDeployment} of {c.incidents} incidents linked to no
          deployment
        </Typography>
        {props.query && (
          <Link
            component="button"
            variant="body2"
            onClick={() => setOpen({ title: 'All deployments and incidents' })}
          >
            All events
          </Link>
        )}
      </Box>
      {open && props.query && (
        <DrillDownDialog
          title={open.title}
          query={props.query}
          only={open.only}
          onClose={() => setOpen(undefined)}
        />
      )}
    </>
  );
}

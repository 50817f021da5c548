import { Grid } from '@material-ui/core';
import { TeamFeaturesCard } from '../FeatureCards';
import { TeamNeighbourhoodCard } from '../TeamNeighbourhoodCard';
import { TeamPersonasCard } from '../TeamPersonasCard';
import { TeamTopologyCard } from '../TeamTopologyCard';

/**
 * Teamflow's block for a team's page: Team Topology (type, focus, Team API,
 * interactions), the personas served, and the team's dependencies with its
 * structural load. Grid items, to place inside the page's own Grid container.
 */
export function TeamflowTeamContent() {
  return (
    <>
      <Grid item xs={12} md={8}>
        <TeamTopologyCard />
      </Grid>
      <Grid item xs={12} md={4}>
        <TeamPersonasCard />
      </Grid>
      <Grid item xs={12} md={8}>
        <TeamNeighbourhoodCard />
      </Grid>
      <Grid item xs={12} md={4}>
        <TeamFeaturesCard />
      </Grid>
    </>
  );
}

import { Grid } from '@material-ui/core';
import {
  PersonaGoalsCard,
  PersonaJobsCard,
  PersonaProfileCard,
  PersonaTeamsCard,
  PersonaUsesCard,
} from '../PersonaCards';
import { TeamInteractionCard } from '../TeamInteractionCard';
import { FeatureUsageCard, PersonaUsageCard } from '../Usage';
import { FeatureComponentsCard } from '../FeatureComponents';
import {
  FeatureCard,
  PersonaFeaturesCard,
  TeamFeaturesCard,
} from '../FeatureCards';
import { TeamNeighbourhoodCard } from '../TeamNeighbourhoodCard';
import { TeamPersonasCard } from '../TeamPersonasCard';
import { TeamTopologyCard } from '../TeamTopologyCard';

/**
 * A persona page's overview in one piece (profile, teams serving it, goals
 * and pains, what it uses, jobs to be done), so an app's entity page needs
 * one line for the Persona kind.
 */
export function PersonaContent() {
  return (
    <Grid container spacing={3}>
      <Grid item xs={12} md={6}>
        <PersonaProfileCard />
      </Grid>
      <Grid item xs={12} md={6}>
        <PersonaTeamsCard />
      </Grid>
      <Grid item xs={12}>
        <PersonaUsageCard />
      </Grid>
      <Grid item xs={12} md={6}>
        <PersonaGoalsCard />
      </Grid>
      <Grid item xs={12} md={6}>
        <PersonaUsesCard />
      </Grid>
      <Grid item xs={12} md={6}>
        <PersonaFeaturesCard />
      </Grid>
      <Grid item xs={12} md={6}>
        <PersonaJobsCard />
      </Grid>
    </Grid>
  );
}

/** A Feature page's overview: what, for whom and why, by whom, how it is recognised. */
export function FeatureContent() {
  return (
    // Side by side from 1280 px: below, the components' five columns need
    // the whole width.
    <Grid container spacing={3}>
      <Grid item xs={12} lg={6}>
        <FeatureCard />
      </Grid>
      <Grid item xs={12} lg={6}>
        <FeatureComponentsCard />
      </Grid>
      <Grid item xs={12}>
        <FeatureUsageCard />
      </Grid>
    </Grid>
  );
}

/** A TeamInteraction page's overview: who, how, why and until when. */
export function TeamInteractionContent() {
  return (
    <Grid container spacing={3}>
      <Grid item xs={12} md={8}>
        <TeamInteractionCard />
      </Grid>
    </Grid>
  );
}

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

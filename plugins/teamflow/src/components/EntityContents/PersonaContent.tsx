import { Grid } from '@material-ui/core';
import {
  PersonaGoalsCard,
  PersonaJobsCard,
  PersonaProfileCard,
  PersonaTeamsCard,
  PersonaUsesCard,
} from '../PersonaCards';
import { PersonaUsageCard } from '../Usage';
import { PersonaFeaturesCard } from '../FeatureCards';

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

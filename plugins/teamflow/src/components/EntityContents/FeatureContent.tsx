import { Grid } from '@material-ui/core';
import { FeatureUsageCard } from '../Usage';
import { FeatureComponentsCard } from '../FeatureComponents';
import { FeatureCard } from '../FeatureCards';

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

import { Grid } from '@material-ui/core';
import { TeamInteractionCard } from '../TeamInteractionCard';

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

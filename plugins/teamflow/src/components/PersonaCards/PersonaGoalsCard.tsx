import { Grid } from '@material-ui/core';
import { InfoCard } from '@backstage/core-components';
import { FieldLabel } from '../FieldLabel';
import { Bullets } from './Bullets';
import { usePersona } from './usePersona';

/** Goals and pains, side by side. @public */
export function PersonaGoalsCard() {
  const { goals = [], pains = [] } = usePersona().spec;
  return (
    <InfoCard title="Goals and pains">
      <Grid container spacing={2}>
        <Grid item xs={12} sm={6}>
          <FieldLabel>Goals</FieldLabel>
          <Bullets items={goals} empty="No goals recorded." />
        </Grid>
        <Grid item xs={12} sm={6}>
          <FieldLabel>Pains</FieldLabel>
          <Bullets items={pains} empty="No pains recorded." />
        </Grid>
      </Grid>
    </InfoCard>
  );
}

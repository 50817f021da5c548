import { Grid, Typography } from '@material-ui/core';
import { FieldLabel } from '../FieldLabel';

/** A labelled field of the topology card. */
export function Field(props: { label: string; children: React.ReactNode }) {
  return (
    <Grid item xs={12} sm={6}>
      <FieldLabel>{props.label}</FieldLabel>
      <Typography component="div" variant="body2">
        {props.children}
      </Typography>
    </Grid>
  );
}

import { Typography } from '@material-ui/core';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import { UNASSIGNED_PERSONA } from '@teamflow/plugin-teamflow-common';

/** A persona's link, or "No persona matched" for the unassigned users. */
export function PersonaName(props: { persona: string }) {
  return props.persona === UNASSIGNED_PERSONA ? (
    <Typography variant="body2" component="span">
      No persona matched
    </Typography>
  ) : (
    <EntityRefLink entityRef={props.persona} defaultKind="persona" />
  );
}

import {
  Chip,
  Grid,
  List,
  ListItem,
  ListItemText,
  Typography,
} from '@material-ui/core';
import { Progress, ResponseErrorPanel } from '@backstage/core-components';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import { getTeamFocus } from '@teamflow/plugin-teamflow-common';
import { analysePersonaCoverage } from '../../lib/organisation';
import { useTeamsAndPersonas } from './useOrganisation';
import { Finding } from './Finding';

/** Persona coverage: stream-aligned teams serving no persona, personas no team serves. */
export function PersonaCoverageView() {
  const { value, loading, error } = useTeamsAndPersonas();
  if (loading) return <Progress />;
  if (error) return <ResponseErrorPanel error={error} />;
  if (value!.personas.length === 0) {
    return (
      <Typography>
        No personas in the catalog yet: add kind Persona entities
        (teamflow.io/v1alpha1) to see coverage.
      </Typography>
    );
  }
  const coverage = analysePersonaCoverage(value!.personas, value!.teams);
  return (
    <Grid container spacing={3}>
      <Grid item xs={12} md={4}>
        <Finding
          title="Personas no team serves"
          total={coverage.unservedPersonas.length}
          none="Every persona is served by at least one team."
        >
          <List dense aria-label="Personas no team serves">
            {coverage.unservedPersonas.map(p => (
              <ListItem key={p.metadata.name} disableGutters>
                <ListItemText
                  primary={<EntityRefLink entityRef={p} />}
                  secondary={p.metadata.description}
                />
              </ListItem>
            ))}
          </List>
        </Finding>
      </Grid>
      <Grid item xs={12} md={4}>
        <Finding
          title="Stream-aligned teams serving no persona"
          total={coverage.streamAlignedWithoutPersona.length}
          none="Every stream-aligned team serves at least one persona."
        >
          <List dense aria-label="Stream-aligned teams serving no persona">
            {coverage.streamAlignedWithoutPersona.map(t => (
              <ListItem key={t.metadata.name} disableGutters>
                <ListItemText
                  primary={<EntityRefLink entityRef={t} />}
                  secondary={getTeamFocus(t)}
                />
              </ListItem>
            ))}
          </List>
        </Finding>
      </Grid>
      <Grid item xs={12} md={4}>
        <Finding
          title="Personas served by several teams"
          total={coverage.sharedPersonas.length}
          none="No persona is shared between teams."
        >
          <List dense aria-label="Personas served by several teams">
            {coverage.sharedPersonas.map(({ persona, teamRefs }) => (
              <ListItem key={persona.metadata.name} disableGutters>
                <ListItemText
                  primary={
                    <>
                      <EntityRefLink entityRef={persona} />{' '}
                      <Chip size="small" label={`${teamRefs.length} teams`} />
                    </>
                  }
                  secondaryTypographyProps={{ component: 'div' }}
                  secondary={teamRefs.map((ref, i) => (
                    <span key={ref}>
                      {i > 0 && ', '}
                      <EntityRefLink entityRef={ref} defaultKind="group" />
                    </span>
                  ))}
                />
              </ListItem>
            ))}
          </List>
        </Finding>
      </Grid>
    </Grid>
  );
}

import { Chip, List, ListItem, Typography } from '@material-ui/core';
import { InfoCard, Link } from '@backstage/core-components';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import { FieldLabel } from '../FieldLabel';
import { usePersonaStyles } from './personaStyles';
import { usePersona } from './usePersona';

/** Who the persona is: description, type, lifecycle, owner, segments, evidence. @public */
export function PersonaProfileCard() {
  const classes = usePersonaStyles();
  const persona = usePersona();
  const { type, lifecycle, owner, segments = [] } = persona.spec;
  const evidence = persona.metadata.links ?? [];
  return (
    <InfoCard title="Persona">
      <Typography paragraph>{persona.metadata.description}</Typography>
      <div className={classes.chips}>
        <Chip label={type} color="primary" />
        <Chip
          label={
            lifecycle === 'proto'
              ? 'proto-persona (not yet validated)'
              : lifecycle
          }
          variant="outlined"
        />
        {segments.map(s => (
          <Chip key={s} label={s} variant="outlined" size="small" />
        ))}
      </div>
      <FieldLabel>Owner</FieldLabel>
      <EntityRefLink entityRef={owner} defaultKind="group" />
      <FieldLabel>Evidence</FieldLabel>
      {evidence.length === 0 ? (
        <Typography variant="body2">
          No research linked yet (metadata.links).
        </Typography>
      ) : (
        <List dense>
          {evidence.map(l => (
            <ListItem key={l.url} disableGutters>
              <Link to={l.url}>{l.title ?? l.url}</Link>
            </ListItem>
          ))}
        </List>
      )}
    </InfoCard>
  );
}

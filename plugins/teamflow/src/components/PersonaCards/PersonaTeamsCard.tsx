import { List, ListItem, ListItemText, Typography } from '@material-ui/core';
import {
  InfoCard,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import {
  TEAMFLOW_RELATIONS,
  getTeamType,
} from '@teamflow/plugin-teamflow-common';
import { TeamTypeChip } from '../TeamTypeChip';
import { useRelatedByType } from '../../hooks/useRelatedByType';
import { usePersonaStyles } from './personaStyles';
import { usePersona } from './usePersona';

/** The teams serving the persona, with their team types. @public */
export function PersonaTeamsCard() {
  const classes = usePersonaStyles();
  const persona = usePersona();
  const { value, loading, error } = useRelatedByType(
    persona,
    TEAMFLOW_RELATIONS.servedBy,
  );
  return (
    <InfoCard title="Teams serving this persona">
      {loading && <Progress />}
      {error && <ResponseErrorPanel error={error} />}
      {value && value.length === 0 && (
        <Typography className={classes.gap}>
          No team serves this persona: a coverage gap. Name the teams in
          spec.servedBy.
        </Typography>
      )}
      {value && value.length > 0 && (
        <List dense aria-label="Teams serving this persona">
          {value.map(team => (
            <ListItem key={team.metadata.name} disableGutters divider>
              <ListItemText
                secondaryTypographyProps={{
                  component: 'div',
                  style: { whiteSpace: 'normal' },
                }}
                primary={<EntityRefLink entityRef={team} />}
                secondary={team.metadata.description}
              />
              <TeamTypeChip
                type={getTeamType(team) ?? 'undeclared'}
                size="small"
              />
            </ListItem>
          ))}
        </List>
      )}
    </InfoCard>
  );
}

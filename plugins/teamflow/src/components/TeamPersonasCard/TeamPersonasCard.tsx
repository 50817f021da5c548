import {
  Chip,
  List,
  ListItem,
  ListItemText,
  Typography,
} from '@material-ui/core';
import {
  InfoCard,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { EntityRefLink, useEntity } from '@backstage/plugin-catalog-react';
import {
  TEAMFLOW_RELATIONS,
  getTeamType,
} from '@teamflow/plugin-teamflow-common';
import { useRelatedByType } from '../../hooks/useRelatedByType';
import { ChipRow } from '../ChipRow';

/**
 * The personas a team serves (`teamflow.io/serves`). A stream-aligned team
 * serving no persona is a gap worth seeing, so the empty state says so.
 *
 * @public
 */
export function TeamPersonasCard() {
  const { entity } = useEntity();
  const { value, loading, error } = useRelatedByType(
    entity,
    TEAMFLOW_RELATIONS.serves,
  );
  const streamAligned = getTeamType(entity) === 'stream-aligned';
  return (
    <InfoCard title="Personas served">
      {loading && <Progress />}
      {error && <ResponseErrorPanel error={error} />}
      {value && value.length === 0 && (
        <Typography variant="body2">
          {streamAligned
            ? 'This stream-aligned team serves no persona yet: whom is its work for? Add it to a Persona’s spec.servedBy.'
            : 'No persona lists this team in spec.servedBy.'}
        </Typography>
      )}
      {value && value.length > 0 && (
        <List dense aria-label="Personas served">
          {value.map(persona => (
            <ListItem key={persona.metadata.name} disableGutters divider>
              <ListItemText
                secondaryTypographyProps={{
                  component: 'div',
                  style: { whiteSpace: 'normal' },
                }}
                primary={
                  <ChipRow>
                    <EntityRefLink entityRef={persona} />
                    <Chip size="small" label={String(persona.spec?.type)} />
                    {persona.spec?.lifecycle === 'proto' && (
                      <Chip
                        size="small"
                        variant="outlined"
                        label="proto-persona"
                      />
                    )}
                  </ChipRow>
                }
                secondary={persona.metadata.description}
              />
            </ListItem>
          ))}
        </List>
      )}
    </InfoCard>
  );
}

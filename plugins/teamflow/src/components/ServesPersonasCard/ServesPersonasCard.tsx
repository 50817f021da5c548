import { List, ListItem, ListItemText, Typography } from '@material-ui/core';
import {
  InfoCard,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { RELATION_OWNED_BY } from '@backstage/catalog-model';
import { EntityRefLink, useEntity } from '@backstage/plugin-catalog-react';
import {
  TEAMFLOW_RELATIONS,
  getTeamType,
} from '@teamflow/plugin-teamflow-common';
import { TeamTypeChip } from '../TeamTypeChip';
import { useRelatedByType } from '../../hooks/useRelatedByType';

type Served = { ref: string; title: string; via: string[] };

/**
 * For a Component or System: the team type of its owner, and the personas it
 * serves — through the owning team (`teamflow.io/serves`) and directly, where
 * a persona uses it (`teamflow.io/usedBy`).
 *
 * @public
 */
export function ServesPersonasCard() {
  const { entity } = useEntity();
  const owners = useRelatedByType(entity, RELATION_OWNED_BY);
  const direct = useRelatedByType(entity, TEAMFLOW_RELATIONS.usedBy);
  const ownerTeam = owners.value?.find(e => e.kind === 'Group');
  const throughTeam = useRelatedByType(
    ownerTeam ?? { ...entity, relations: [] },
    TEAMFLOW_RELATIONS.serves,
  );

  const served = new Map<string, Served>();
  const add = (
    e: {
      kind: string;
      metadata: { name: string; namespace?: string; title?: string };
    },
    via: string,
  ) => {
    const ref = `persona:${e.metadata.namespace ?? 'default'}/${
      e.metadata.name
    }`;
    const item = served.get(ref) ?? {
      ref,
      title: e.metadata.title ?? e.metadata.name,
      via: [],
    };
    item.via.push(via);
    served.set(ref, item);
  };
  for (const p of direct.value ?? []) add(p, 'uses it directly');
  for (const p of throughTeam.value ?? []) {
    add(p, `through ${ownerTeam?.metadata.title ?? ownerTeam?.metadata.name}`);
  }

  const loading = owners.loading || direct.loading || throughTeam.loading;
  const error = owners.error ?? direct.error ?? throughTeam.error;
  return (
    <InfoCard title="Who it is for">
      {loading && <Progress />}
      {error && <ResponseErrorPanel error={error} />}
      {!loading && !error && (
        <>
          <Typography
            variant="body2"
            component="div"
            style={{ marginBottom: 8 }}
          >
            {ownerTeam ? (
              <>
                Owned by <EntityRefLink entityRef={ownerTeam} />, a{' '}
                <TeamTypeChip
                  type={getTeamType(ownerTeam) ?? 'undeclared'}
                  size="small"
                />{' '}
                team.
              </>
            ) : (
              'Not owned by a team in the catalog.'
            )}
          </Typography>
          {served.size === 0 ? (
            <Typography variant="body2">
              No persona is linked to this entity or its owning team.
            </Typography>
          ) : (
            <List dense aria-label="Personas served">
              {[...served.values()].map(p => (
                <ListItem key={p.ref} disableGutters divider>
                  <ListItemText
                    secondaryTypographyProps={{
                      component: 'div',
                      style: { whiteSpace: 'normal' },
                    }}
                    primary={
                      <EntityRefLink entityRef={p.ref} title={p.title} />
                    }
                    secondary={p.via.join(' · ')}
                  />
                </ListItem>
              ))}
            </List>
          )}
        </>
      )}
    </InfoCard>
  );
}

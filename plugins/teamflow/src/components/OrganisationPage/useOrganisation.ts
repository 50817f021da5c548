import useAsync from 'react-use/esm/useAsync';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { useApi } from '@backstage/core-plugin-api';
import { catalogApiRef } from '@backstage/plugin-catalog-react';

const FIELDS = ['kind', 'metadata', 'spec', 'relations'];

/** Teams (team Groups) and personas, in one round trip each. */
export function useTeamsAndPersonas() {
  const catalogApi = useApi(catalogApiRef);
  return useAsync(async () => {
    const [teams, personas] = await Promise.all([
      catalogApi.getEntities({
        filter: { kind: 'group', 'spec.type': 'team' },
        fields: FIELDS,
      }),
      catalogApi.getEntities({ filter: { kind: 'persona' }, fields: FIELDS }),
    ]);
    return { teams: teams.items, personas: personas.items };
  }, [catalogApi]);
}

/** Everything that has an owner, and the refs of every Group. */
export function useOwnedEntities() {
  const catalogApi = useApi(catalogApiRef);
  return useAsync(async () => {
    const [owned, groups] = await Promise.all([
      catalogApi.getEntities({
        filter: {
          kind: [
            'component',
            'api',
            'system',
            'resource',
            'domain',
            'persona',
            'teaminteraction',
            'template',
          ],
        },
        fields: [
          'kind',
          'metadata.name',
          'metadata.namespace',
          'metadata.title',
          'spec.owner',
        ],
      }),
      catalogApi.getEntities({
        filter: { kind: 'group' },
        fields: ['kind', 'metadata.name', 'metadata.namespace'],
      }),
    ]);
    return {
      owned: owned.items,
      groupRefs: new Set(
        groups.items.map(g => stringifyEntityRef(g).toLocaleLowerCase('en-US')),
      ),
    };
  }, [catalogApi]);
}

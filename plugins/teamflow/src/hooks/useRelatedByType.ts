import useAsync from 'react-use/esm/useAsync';
import { Entity } from '@backstage/catalog-model';
import {
  catalogApiRef,
  getEntityRelations,
} from '@backstage/plugin-catalog-react';
import { useApi } from '@backstage/core-plugin-api';

/**
 * The entities at the end of `entity`'s relations of one type, fetched in a
 * single request (only the fields the cards show).
 */
export function useRelatedByType(entity: Entity, relationType: string) {
  const catalogApi = useApi(catalogApiRef);
  const refs = getEntityRelations(entity, relationType).map(r =>
    `${r.kind}:${r.namespace}/${r.name}`.toLocaleLowerCase('en-US'),
  );
  const key = refs.join(',');
  return useAsync(async () => {
    if (refs.length === 0) return [];
    const { items } = await catalogApi.getEntitiesByRefs({
      entityRefs: refs,
      fields: ['kind', 'metadata', 'spec', 'relations'],
    });
    return items.filter((e): e is Entity => Boolean(e));
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [catalogApi, key]);
}

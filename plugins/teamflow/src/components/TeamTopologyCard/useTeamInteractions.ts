import useAsync from 'react-use/esm/useAsync';
import { useApi } from '@backstage/core-plugin-api';
import { catalogApiRef } from '@backstage/plugin-catalog-react';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { TeamInteractionEntity } from '@teamflow/plugin-teamflow-common';
import { describeTeamInteractions, todayIso } from '../../lib/interactions';

/** The TeamInteractions a team is part of, either side, as of today. */
export function useTeamInteractions(entity: Entity) {
  const catalogApi = useApi(catalogApiRef);
  const ref = stringifyEntityRef(entity);
  return useAsync(async () => {
    const { items } = await catalogApi.getEntities({
      filter: [
        { kind: 'TeamInteraction', 'spec.from': ref },
        { kind: 'TeamInteraction', 'spec.to': ref },
      ],
    });
    return describeTeamInteractions(
      ref,
      items as TeamInteractionEntity[],
      todayIso(),
    );
  }, [catalogApi, ref]);
}

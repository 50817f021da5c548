import {
  ALL_RELATIONS,
  ALL_RELATION_PAIRS,
  DefaultCatalogGraphApi,
} from '@backstage/plugin-catalog-graph';
import {
  TEAMFLOW_RELATIONS,
  TEAMFLOW_RELATION_PAIRS,
} from '@teamflow/plugin-teamflow-common';

/**
 * The catalog graph's API knowing Teamflow's relations (persona served by
 * team, team provides a service to team, ...), selectable in every graph:
 * for an app's `catalogGraphApiRef` factory (classic) or the catalog-graph
 * module of `./alpha`.
 *
 * @public
 */
export function createTeamflowCatalogGraphApi(): DefaultCatalogGraphApi {
  return new DefaultCatalogGraphApi({
    knownRelations: [...ALL_RELATIONS, ...Object.values(TEAMFLOW_RELATIONS)],
    knownRelationPairs: [...ALL_RELATION_PAIRS, ...TEAMFLOW_RELATION_PAIRS],
    defaultRelationTypes: { exclude: [] },
  });
}

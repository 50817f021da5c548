import { ALL_RELATIONS } from '@backstage/plugin-catalog-graph';
import { createTeamflowCatalogGraphApi } from './catalogGraphApi';

describe('createTeamflowCatalogGraphApi', () => {
  it('knows Backstage’s relations and Teamflow’s, in pairs, none excluded by default', () => {
    const api = createTeamflowCatalogGraphApi();
    expect(api.knownRelations).toEqual(expect.arrayContaining(ALL_RELATIONS));
    expect(api.knownRelations).toEqual(
      expect.arrayContaining([
        'teamflow.io/servedBy',
        'teamflow.io/serves',
        'teamflow.io/providesServiceTo',
        'teamflow.io/facilitatedBy',
      ]),
    );
    expect(api.knownRelationPairs).toEqual(
      expect.arrayContaining([['teamflow.io/servedBy', 'teamflow.io/serves']]),
    );
    expect(api.defaultRelations).toEqual(api.knownRelations);
  });
});

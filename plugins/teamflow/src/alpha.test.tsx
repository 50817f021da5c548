import plugin, { catalogGraphTeamflowRelationsModule } from './alpha';

describe('Teamflow for the new frontend system', () => {
  it.each([
    'entity-card:teamflow/team-topology',
    'entity-card:teamflow/team-personas',
    'entity-card:teamflow/team-neighbourhood',
    'api:teamflow',
    'entity-card:teamflow/persona-profile',
    'entity-card:teamflow/persona-teams',
    'entity-card:teamflow/persona-goals',
    'entity-card:teamflow/persona-uses',
    'entity-card:teamflow/persona-jobs',
    'entity-card:teamflow/serves-personas',
    'entity-card:teamflow/team-interaction',
    'entity-card:teamflow/persona-features',
    'entity-card:teamflow/feature',
    'entity-card:teamflow/team-features',
    'page:teamflow',
    'catalog-filter:teamflow/team-type',
    'catalog-filter:teamflow/persona',
  ])('provides %s', id => {
    expect(plugin.getExtension(id as any)).toBeDefined();
  });

  it('offers the catalog graph a module that knows Teamflow’s relations', () => {
    expect(catalogGraphTeamflowRelationsModule.pluginId).toBe('catalog-graph');
  });
});

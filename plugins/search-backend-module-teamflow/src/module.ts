import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { catalogCollatorExtensionPoint } from '@backstage/plugin-search-backend-module-catalog';
import {
  searchEngineRegistryExtensionPoint,
  searchIndexRegistryExtensionPoint,
} from '@backstage/plugin-search-backend-node/alpha';
import { NamesFirstLunrSearchEngine } from './NamesFirstLunrSearchEngine';
import {
  ownerNamesDecoratorFactory,
  readOwnerNames,
} from './OwnerNamesDecorator';
import { teamflowCatalogCollatorEntityTransformer } from './transformer';

/**
 * Whether this backend will have another search engine (the PostgreSQL
 * module registers one on a PostgreSQL database; Elasticsearch and
 * OpenSearch modules when configured). Only one engine can be registered.
 */
function anotherEngineExpected(config: {
  getOptionalString(key: string): string | undefined;
  has(key: string): boolean;
}): boolean {
  const client =
    config.getOptionalString('backend.database.plugin.search.client') ??
    config.getOptionalString('backend.database.client');
  return (
    client === 'pg' ||
    config.has('search.elasticsearch') ||
    config.has('search.opensearch')
  );
}

/**
 * Teamflow's search module: catalog documents that name owners and team
 * types, and — where Backstage's built-in Lunr engine serves search — teams
 * and people first when a search names them.
 *
 * @public
 */
export const searchModuleTeamflow = createBackendModule({
  pluginId: 'search',
  moduleId: 'teamflow',
  register(reg) {
    reg.registerInit({
      deps: {
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        auth: coreServices.auth,
        catalog: catalogServiceRef,
        collator: catalogCollatorExtensionPoint,
        indexRegistry: searchIndexRegistryExtensionPoint,
        engineRegistry: searchEngineRegistryExtensionPoint,
      },
      async init({
        config,
        logger,
        auth,
        catalog,
        collator,
        indexRegistry,
        engineRegistry,
      }) {
        collator.setEntityTransformer(teamflowCatalogCollatorEntityTransformer);
        indexRegistry.addDecorator({
          factory: ownerNamesDecoratorFactory(() =>
            readOwnerNames(catalog, auth),
          ),
        });
        const namesFirst =
          config.getOptionalBoolean('teamflow.search.namesFirst') ?? true;
        if (namesFirst && !anotherEngineExpected(config)) {
          engineRegistry.setSearchEngine(
            new NamesFirstLunrSearchEngine({ logger }),
          );
          logger.info('Search: Lunr with teams and people first');
        }
      },
    });
  },
});

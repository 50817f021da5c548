import { createBackendModule } from '@backstage/backend-plugin-api';
import { catalogProcessingExtensionPoint } from '@backstage/plugin-catalog-node';
import { TeamflowEntitiesProcessor } from './TeamflowEntitiesProcessor';

/**
 * Adds Teamflow's model (Persona and TeamInteraction kinds, team types on
 * Groups, Teamflow relations) to the catalog.
 *
 * @public
 */
export const catalogModuleTeamflow = createBackendModule({
  pluginId: 'catalog',
  moduleId: 'teamflow',
  register(reg) {
    reg.registerInit({
      deps: { catalog: catalogProcessingExtensionPoint },
      async init({ catalog }) {
        catalog.addProcessor(new TeamflowEntitiesProcessor());
      },
    });
  },
});

import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { createRouter } from './router';
import { TeamGraphService } from './services/TeamGraphService';

/**
 * Teamflow's backend: the team dependency graph and structural load derived
 * from the catalog.
 *
 * @public
 */
export const teamflowPlugin = createBackendPlugin({
  pluginId: 'teamflow',
  register(env) {
    env.registerInit({
      deps: {
        httpAuth: coreServices.httpAuth,
        httpRouter: coreServices.httpRouter,
        auth: coreServices.auth,
        permissions: coreServices.permissions,
        logger: coreServices.logger,
        scheduler: coreServices.scheduler,
        catalog: catalogServiceRef,
      },
      async init({
        httpAuth,
        httpRouter,
        auth,
        permissions,
        logger,
        scheduler,
        catalog,
      }) {
        const teamGraph = TeamGraphService.create({
          catalog,
          auth,
          permissions,
          logger,
        });
        // Each replica keeps its own in-memory snapshot, so the refresh is local;
        // catalog changes show within this frequency.
        await scheduler.scheduleTask({
          id: 'teamflow-team-graph-refresh',
          scope: 'local',
          frequency: { seconds: 30 },
          timeout: { minutes: 5 },
          fn: async () => {
            await teamGraph.refresh();
          },
        });
        httpRouter.use(await createRouter({ httpAuth, teamGraph }));
      },
    });
  },
});

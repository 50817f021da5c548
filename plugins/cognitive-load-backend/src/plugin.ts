import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { orgModelServiceRef } from '@teamflow/plugin-teamflow-node';
import { cognitiveLoadPermissions } from '@teamflow/plugin-cognitive-load-common';
import { createRouter } from './router';
import { DatabaseCognitiveLoadStore } from './database/DatabaseCognitiveLoadStore';
import { SurveyService } from './service/SurveyService';
import { readSurveyConfig } from './service/config';
import { seedDemo } from './service/demoSeed';
import { WaveAnnouncer } from './service/WaveAnnouncer';
import { notificationService } from '@backstage/plugin-notifications-node';

/**
 * Cognitive-load surveys: waves, anonymous answers, k-anonymous results.
 *
 * @public
 */
export const cognitiveLoadPlugin = createBackendPlugin({
  pluginId: 'cognitive-load',
  register(env) {
    env.registerInit({
      deps: {
        config: coreServices.rootConfig,
        database: coreServices.database,
        httpAuth: coreServices.httpAuth,
        httpRouter: coreServices.httpRouter,
        auth: coreServices.auth,
        userInfo: coreServices.userInfo,
        permissions: coreServices.permissions,
        permissionsRegistry: coreServices.permissionsRegistry,
        logger: coreServices.logger,
        scheduler: coreServices.scheduler,
        catalog: catalogServiceRef,
        org: orgModelServiceRef,
        notifications: notificationService,
      },
      async init(deps) {
        const settings = readSurveyConfig(deps.config);
        deps.permissionsRegistry.addPermissions(cognitiveLoadPermissions);
        const store = await DatabaseCognitiveLoadStore.create({
          database: deps.database,
        });
        // Installing should not need a secret to be invented first: without
        // one in config, a generated one is kept in the plugin's database.
        let secret = settings.secret;
        if (!secret) {
          secret = await store.getOrCreateSecret('respondent-key');
          deps.logger.info(
            'cognitiveLoad.respondentKeySecret is not set: respondent keys use a generated secret kept in the plugin database',
          );
        }
        const config = { ...settings, secret };
        const surveys = SurveyService.create({ ...deps, store, config });
        const announcer = new WaveAnnouncer(
          store,
          deps.notifications,
          config.k,
          deps.logger,
        );
        // Closed waves lose their respondent keys within a minute or so;
        // waves that opened since are announced to their teams.
        await deps.scheduler.scheduleTask({
          id: 'cognitive-load-seal-closed-waves',
          frequency: { minutes: 1 },
          timeout: { minutes: 5 },
          initialDelay: { seconds: 10 },
          fn: async () => {
            const sealed = await surveys.sealClosedWaves();
            if (sealed) deps.logger.info(`Sealed ${sealed} closed waves`);
            await announcer.announce();
          },
        });
        if (config.seedDemo) {
          let seeded = false;
          await deps.scheduler.scheduleTask({
            id: 'cognitive-load-demo-seed',
            frequency: { seconds: 20 },
            timeout: { minutes: 2 },
            fn: async () => {
              if (!seeded) seeded = await seedDemo(surveys, deps.logger);
            },
          });
        }
        deps.httpRouter.use(
          await createRouter({ httpAuth: deps.httpAuth, surveys, announcer }),
        );
      },
    });
  },
});

import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { orgModelServiceRef } from '@teamflow/plugin-teamflow-node';
import { techDebtPermissions } from '@teamflow/plugin-tech-debt-common';
import {
  DebtSignalProvider,
  techDebtSignalsExtensionPoint,
} from '@teamflow/plugin-tech-debt-node';
import { createRouter } from './router';
import { DatabaseDebtStore } from './database/DatabaseDebtStore';
import { DebtService } from './service/DebtService';
import { seedDemoDebt } from './service/demoSeed';

/**
 * Technical debt: a register per entity, signals from providers and the
 * catalog, roll-ups for teams and the organisation.
 *
 * @public
 */
export const techDebtPlugin = createBackendPlugin({
  pluginId: 'tech-debt',
  register(env) {
    const providers: DebtSignalProvider[] = [];
    env.registerExtensionPoint(techDebtSignalsExtensionPoint, {
      addProvider(provider) {
        providers.push(provider);
      },
    });
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
      },
      async init(deps) {
        deps.permissionsRegistry.addPermissions(techDebtPermissions);
        const store = await DatabaseDebtStore.create({
          database: deps.database,
        });
        const debt = DebtService.create({ ...deps, store, providers });
        const seed =
          deps.config.getOptionalBoolean('techDebt.demo.seed') ?? false;
        let seeded = !seed;
        await deps.scheduler.scheduleTask({
          id: 'tech-debt-refresh',
          frequency: {
            minutes:
              deps.config.getOptionalNumber('techDebt.refreshMinutes') ?? 10,
          },
          initialDelay: { seconds: 15 },
          timeout: { minutes: 10 },
          fn: async () => {
            if (!seeded) seeded = await seedDemoDebt({ ...deps, store });
            await debt.refresh();
            // Today's point of the trend, replaced on every run.
            await debt.snapshot();
          },
        });
        deps.httpRouter.use(
          await createRouter({ httpAuth: deps.httpAuth, debt }),
        );
      },
    });
  },
});

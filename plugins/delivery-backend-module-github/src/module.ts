import {
  coreServices,
  createBackendModule,
  readSchedulerServiceTaskScheduleDefinitionFromConfig,
} from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { deliverySourcesExtensionPoint } from '@teamflow/plugin-delivery-node';
import { GithubDeliverySource } from './GithubDeliverySource';

/**
 * The GitHub backfill and reconciliation of the delivery ledger
 * (`delivery.github`: `schedule`, `backfillDays`, `reconcileDays`,
 * `environment`).
 *
 * @public
 */
export const deliveryModuleGithub = createBackendModule({
  pluginId: 'delivery',
  moduleId: 'github',
  register(reg) {
    reg.registerInit({
      deps: {
        sources: deliverySourcesExtensionPoint,
        config: coreServices.rootConfig,
        auth: coreServices.auth,
        logger: coreServices.logger,
        scheduler: coreServices.scheduler,
        catalog: catalogServiceRef,
      },
      async init({ sources, config, ...deps }) {
        const c = config.getOptionalConfig('delivery.github');
        if (c?.getOptionalBoolean('enabled') === false) return;
        sources.addSource(
          new GithubDeliverySource({
            ...deps,
            config,
            schedule: c?.has('schedule')
              ? readSchedulerServiceTaskScheduleDefinitionFromConfig(
                  c.getConfig('schedule'),
                )
              : {
                  frequency: { minutes: 30 },
                  timeout: { minutes: 20 },
                  initialDelay: { minutes: 1 },
                },
            backfillDays: c?.getOptionalNumber('backfillDays') ?? 180,
            reconcileDays: c?.getOptionalNumber('reconcileDays') ?? 2,
            environment: c?.getOptionalString('environment') ?? 'production',
          }),
        );
      },
    });
  },
});

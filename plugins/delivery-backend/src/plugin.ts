import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { eventsServiceRef } from '@backstage/plugin-events-node';
import { orgModelServiceRef } from '@teamflow/plugin-teamflow-node';
import {
  FlowDefinitions,
  FlowTargets,
  deliveryPermissions,
} from '@teamflow/plugin-delivery-common';
import {
  DeliveryEventSource,
  deliverySourcesExtensionPoint,
} from '@teamflow/plugin-delivery-node';
import { createRouter } from './http/router';
import { DeliveryStore } from './database/DeliveryStore';
import { DeliveryService } from './service/DeliveryService';
import { seedDemoDelivery } from './demo/demoSeed';
import { readDefinitions, readTargets } from './service/config';

/**
 * Delivery flow (DORA): a ledger of deployments, changes and incidents from
 * CDEvents, webhooks and source modules, judged with configurable
 * definitions and rolled up per day for every component, system and team.
 *
 * @public
 */
export const deliveryPlugin = createBackendPlugin({
  pluginId: 'delivery',
  register(env) {
    const sources: DeliveryEventSource[] = [];
    env.registerExtensionPoint(deliverySourcesExtensionPoint, {
      addSource(source) {
        sources.push(source);
      },
    });
    env.registerInit({
      deps: {
        config: coreServices.rootConfig,
        database: coreServices.database,
        httpAuth: coreServices.httpAuth,
        httpRouter: coreServices.httpRouter,
        auth: coreServices.auth,
        permissions: coreServices.permissions,
        permissionsRegistry: coreServices.permissionsRegistry,
        logger: coreServices.logger,
        scheduler: coreServices.scheduler,
        catalog: catalogServiceRef,
        org: orgModelServiceRef,
        events: eventsServiceRef,
      },
      async init(deps) {
        deps.permissionsRegistry.addPermissions(deliveryPermissions);
        const definitions: FlowDefinitions = readDefinitions(deps.config);
        const targets: Record<string, FlowTargets> = readTargets(deps.config);
        const store = await DeliveryStore.create({ database: deps.database });
        const delivery = DeliveryService.create({
          ...deps,
          store,
          definitions,
          targets,
          horizonDays:
            deps.config.getOptionalNumber('delivery.horizonDays') ?? 30,
          judgingLeaseMs:
            (deps.config.getOptionalNumber('delivery.judging.leaseSeconds') ??
              120) * 1000,
          organisationCache: deps.config.getOptionalBoolean(
            'delivery.organisationCache',
          ),
        });
        for (const source of sources) {
          await source.connect({
            ingest: events => delivery.ingest(events),
            getState: key => delivery.getSourceState(source.id, key),
            setState: (key, state) =>
              delivery.recordSourceState(source.id, key, state),
          });
        }
        // Provider webhooks, verified by the events backend's ingress.
        await deps.events.subscribe({
          id: 'delivery-webhooks',
          topics: ['github', 'gitlab', 'pagerduty'],
          onEvent: async params => {
            await delivery.ingestWebhook(
              params.topic,
              params.eventPayload,
              params.metadata ?? {},
            );
          },
        });
        await deps.scheduler.scheduleTask({
          id: 'delivery-maintenance',
          frequency: { minutes: 1 },
          initialDelay: { seconds: 5 },
          timeout: { minutes: 30 },
          fn: async () => {
            await delivery.rejudgeIfDefinitionsChanged();
            // Whatever is still queued (another instance stopped mid-way).
            delivery.kick();
            await delivery.settled();
          },
        });
        // The demo's history, as soon as the catalog holds the demo's
        // components (a page opened in the portal's first minute shows it).
        if (deps.config.getOptionalBoolean('delivery.demo.seed')) {
          let seeded = false;
          await deps.scheduler.scheduleTask({
            id: 'delivery-demo-seed',
            frequency: { seconds: 10 },
            timeout: { minutes: 5 },
            fn: async () => {
              if (!seeded)
                seeded = await seedDemoDelivery({ ...deps, delivery });
            },
          });
        }
        // Owner changes in the catalog, seen even while no events arrive
        // (events are attributed to the owner at their own time).
        await deps.scheduler.scheduleTask({
          id: 'delivery-ownership',
          frequency: { minutes: 10 },
          initialDelay: { seconds: 20 },
          timeout: { minutes: 10 },
          fn: async () => {
            const changed = await delivery.observeOwnership();
            if (changed)
              deps.logger.info(`Delivery: ${changed} owner changes recorded`);
          },
        });
        // Organisation windows ending with the current day (the pages' 30,
        // 90 or 180 days up to today) are new every day: each replica sums
        // them ahead of their first reader, and keeps them current.
        await deps.scheduler.scheduleTask({
          id: 'delivery-organisation-ahead',
          scope: 'local',
          frequency: { minutes: 1 },
          initialDelay: { seconds: 10 },
          timeout: { minutes: 5 },
          fn: async () => {
            for (const w of await delivery.readAhead())
              deps.logger.info(
                `Delivery: organisation ${w.fromDay}..${w.toDay} (${
                  w.environment
                }${w.teamWeeks ? '' : ', no team trends'}) summed ahead in ${
                  w.ms
                } ms`,
              );
          },
        });
        deps.httpRouter.use(
          await createRouter({ httpAuth: deps.httpAuth, delivery }),
        );
        // Pairs queued before a restart (a crash mid-judging included).
        delivery.kick();
      },
    });
  },
});

import { orgModelServiceRef } from '@teamflow/plugin-teamflow-node';
import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { teamflowPermissions } from '@teamflow/plugin-teamflow-common';
import { createRouter } from './router';
import { TeamGraphService } from './services/TeamGraphService';
import { HistoryStore } from './history/HistoryStore';
import { HistoryService } from './history/HistoryService';
import { AttentionService } from './attention/AttentionService';
import { AlertService } from './alerts/AlertService';
import { alertSettings } from './alerts/alertSettings';
import { notificationService } from '@backstage/plugin-notifications-node';
import { AnalyticsStore } from './analytics/database/AnalyticsStore';
import { AnalyticsService } from './analytics/AnalyticsService';
import { analyticsSettings } from './analytics/settings';
import { demoSeries, demoUsageRows } from './analytics/demoUsage';

/**
 * Teamflow's backend: the team dependency graph and structural load derived
 * from the catalog, and the organisation's history.
 *
 * @public
 */
export const teamflowPlugin = createBackendPlugin({
  pluginId: 'teamflow',
  register(env) {
    env.registerInit({
      deps: {
        config: coreServices.rootConfig,
        database: coreServices.database,
        httpAuth: coreServices.httpAuth,
        httpRouter: coreServices.httpRouter,
        auth: coreServices.auth,
        discovery: coreServices.discovery,
        permissions: coreServices.permissions,
        permissionsRegistry: coreServices.permissionsRegistry,
        logger: coreServices.logger,
        scheduler: coreServices.scheduler,
        catalog: catalogServiceRef,
        org: orgModelServiceRef,
        notifications: notificationService,
      },
      async init({
        config,
        database,
        httpAuth,
        httpRouter,
        auth,
        discovery,
        permissions,
        permissionsRegistry,
        logger,
        scheduler,
        catalog,
        org,
        notifications,
      }) {
        permissionsRegistry.addPermissions(teamflowPermissions);
        const teamGraph = TeamGraphService.create({
          catalog,
          org,
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
        const store = await HistoryStore.create(database);
        const attention = new AttentionService({
          teamGraph,
          discovery,
          auth,
          logger,
        });
        const history = new HistoryService(
          store,
          teamGraph,
          permissions,
          logger,
          config.getOptionalNumber('teamflow.history.retentionDays') ?? 400,
          Date.now,
          new AlertService(store, notifications, alertSettings(config), logger),
          () => attention.serviceSignals(),
        );
        const demo =
          config.getOptionalBoolean('teamflow.history.demo') ?? false;
        // Today's snapshot, kept up to date through the day (the day's last
        // one stays); once across replicas. While the catalog has no team
        // yet (just started), it tries again every ten seconds. The demo
        // retakes it every five minutes: its delivery and debt history is
        // still being written when the portal has just started.
        await scheduler.scheduleTask({
          id: 'teamflow-org-snapshot',
          frequency: demo ? { minutes: 5 } : { hours: 1 },
          timeout: { minutes: 5 },
          initialDelay: { seconds: 15 },
          fn: async () => {
            for (let attempt = 0; attempt < 20; attempt++) {
              const seeded = demo
                ? await history.seedDemo(10_000, attempt)
                : '';
              if (seeded === 'seeded') return;
              if (
                seeded !== 'waiting' &&
                (await history.takeSnapshot('scheduled'))
              )
                return;
              await new Promise(r => setTimeout(r, 10_000));
            }
          },
        });
        const settings = analyticsSettings(config);
        const analytics = new AnalyticsService(
          await AnalyticsStore.create(database, {
            preparedStatements: settings.preparedStatements,
          }),
          catalog,
          auth,
          logger,
          settings,
        );
        // Persona rules and feature events change with the catalog; a
        // change shows in ingest within this frequency.
        await scheduler.scheduleTask({
          id: 'teamflow-analytics-model-refresh',
          scope: 'local',
          frequency: { seconds: 30 },
          timeout: { minutes: 2 },
          fn: () => analytics.refreshModel(),
        });
        await scheduler.scheduleTask({
          id: 'teamflow-analytics-purge',
          frequency: { hours: 6 },
          timeout: { minutes: 30 },
          initialDelay: { seconds: 10 },
          fn: async () => {
            await analytics.purge();
            if (analytics.settings.demo)
              await analytics.seedDemo(demoUsageRows, demoSeries);
          },
        });
        // Views read a week that ended from its roll-up once it is rolled
        // up; once across replicas.
        await scheduler.scheduleTask({
          id: 'teamflow-analytics-weeks',
          frequency: { minutes: 1 },
          timeout: { minutes: 10 },
          initialDelay: { seconds: 20 },
          fn: async () => {
            await analytics.rollWeeks();
          },
        });
        // Product apps send with a write key, not a Backstage token.
        httpRouter.addAuthPolicy({
          path: '/analytics/v1',
          allow: 'unauthenticated',
        });
        httpRouter.use(
          await createRouter({
            httpAuth,
            teamGraph,
            history,
            attention,
            analytics,
          }),
        );
      },
    });
  },
});

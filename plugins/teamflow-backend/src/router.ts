import express from 'express';
import Router from 'express-promise-router';
import { HttpAuthService } from '@backstage/backend-plugin-api';
import { TeamGraphService } from './services/TeamGraphService';
import { HistoryService } from './history/HistoryService';
import { AttentionService } from './attention/AttentionService';
import { AnalyticsService } from './analytics/AnalyticsService';
import { createAnalyticsRouter } from './analytics/router';
import { attentionRoutes } from './http/attentionRoutes';
import { graphRoutes } from './http/graphRoutes';
import { historyRoutes } from './http/historyRoutes';
import { loadRoutes } from './http/loadRoutes';
import { snapshotReader } from './http/snapshotFor';

/**
 * Every Teamflow route, one group per file under `http/` (and
 * `analytics/router.ts`). Thin: the services do the work.
 */
export async function createRouter(options: {
  httpAuth: HttpAuthService;
  teamGraph: TeamGraphService;
  /** The organisation's history (routes under /history); absent: no history. */
  history?: HistoryService;
  /** Teams needing attention (GET /attention); absent: no such route. */
  attention?: AttentionService;
  /** Product analytics (routes under /analytics); absent: no such routes. */
  analytics?: AnalyticsService;
  now?: () => number;
}): Promise<express.Router> {
  const { httpAuth, teamGraph, history, attention, now = Date.now } = options;
  const router = Router();
  if (options.analytics)
    router.use(
      createAnalyticsRouter({ httpAuth, analytics: options.analytics }),
    );
  const snapshotFor = snapshotReader(httpAuth, teamGraph);
  router.use(graphRoutes({ httpAuth, history, snapshotFor }));
  router.use(loadRoutes({ httpAuth, history, snapshotFor }));
  if (attention) router.use(attentionRoutes({ httpAuth, attention }));
  if (history) router.use(historyRoutes({ httpAuth, history, now }));
  return router;
}

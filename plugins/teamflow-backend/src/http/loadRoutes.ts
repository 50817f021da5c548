import express from 'express';
import Router from 'express-promise-router';
import { HttpAuthService } from '@backstage/backend-plugin-api';
import { NotFoundError } from '@backstage/errors';
import { HistoryService } from '../history/HistoryService';
import { historyDay, teamRef } from './query';
import { SnapshotFor } from './snapshotFor';

/** Structural load of every team the caller may see, or of one team; `asOf` a past day. */
export function loadRoutes(options: {
  httpAuth: HttpAuthService;
  history?: HistoryService;
  snapshotFor: SnapshotFor;
}): express.Router {
  const { httpAuth, history, snapshotFor } = options;
  const router = Router();

  /** `?asOf=` answered from the history: scores and bands of that day. */
  const loadAsOf = async (req: express.Request, ref?: string) => {
    const asOf = historyDay(req, 'asOf');
    if (!asOf) return undefined;
    if (!history)
      throw new NotFoundError('This backend keeps no history (asOf)');
    return history.loadAsOf(
      await httpAuth.credentials(req, { allow: ['user', 'service'] }),
      asOf,
      ref,
    );
  };

  router.get('/structural-load', async (req, res) => {
    const past = await loadAsOf(req);
    if (past) {
      res.json(past);
      return;
    }
    const { generatedAt, load } = await snapshotFor(req);
    res.json({ generatedAt, teams: load });
  });

  router.get('/structural-load/:namespace/:name', async (req, res) => {
    const ref = teamRef(req.params.namespace, req.params.name);
    const past = await loadAsOf(req, ref);
    if (past) {
      res.json({ asOf: past.asOf, load: past.teams[0] });
      return;
    }
    const { generatedAt, load } = await snapshotFor(req, ref);
    const teamLoad = load.find(l => l.teamRef === ref);
    if (!teamLoad) throw new NotFoundError(`No team ${ref} in the catalog`);
    res.json({ generatedAt, load: teamLoad });
  });

  return router;
}

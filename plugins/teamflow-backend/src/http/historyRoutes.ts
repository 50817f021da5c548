import express from 'express';
import Router from 'express-promise-router';
import { HttpAuthService } from '@backstage/backend-plugin-api';
import { ConflictError, InputError } from '@backstage/errors';
import { HistoryService } from '../history/HistoryService';
import { dayOf, historyDay } from './query';

/** The organisation's history: its days, what changed between two, and a snapshot taken now. */
export function historyRoutes(options: {
  httpAuth: HttpAuthService;
  history: HistoryService;
  now: () => number;
}): express.Router {
  const { httpAuth, history, now } = options;
  const router = Router();

  const credentials = (req: express.Request) =>
    httpAuth.credentials(req, { allow: ['user', 'service'] });
  // What changed between two days (default: the last seven).
  router.get('/history/changes', async (req, res) => {
    const creds = await credentials(req);
    const to = historyDay(req, 'to') ?? dayOf(now());
    const from =
      historyDay(req, 'from') ??
      dayOf(Date.parse(`${to}T00:00:00Z`) - 7 * 86_400_000);
    if (from >= to)
      throw new InputError(`from (${from}) must be before to (${to})`);
    res.json(await history.changes(creds, { from, to }));
  });
  router.get('/history', async (req, res) => {
    await credentials(req);
    res.json({ days: await history.days() });
  });
  router.post('/history/snapshots', async (req, res) => {
    const snapshot = await history.takeSnapshotFor(await credentials(req));
    if (!snapshot)
      throw new ConflictError(
        'No team in the catalog yet: nothing to take a snapshot of',
      );
    res.status(201).json({
      takenOn: snapshot.takenOn,
      teams: snapshot.teams.length,
      dependencies: snapshot.edges.length,
    });
  });
  return router;
}

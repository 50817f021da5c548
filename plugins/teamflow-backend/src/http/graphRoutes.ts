import express from 'express';
import Router from 'express-promise-router';
import { HttpAuthService } from '@backstage/backend-plugin-api';
import { NotFoundError } from '@backstage/errors';
import {
  summariseOrganisation,
  teamMap,
} from '@teamflow/plugin-teamflow-common';
import { HistoryService } from '../history/HistoryService';
import { historyDay, mapFilter, teamRef, teamRefParam } from './query';
import { cached, indexOf } from './snapshotAnswers';
import { SnapshotFor } from './snapshotFor';

/**
 * The team dependency map (`/graph`, today's or `asOf` a past day, compared
 * `compareWith` another), one team's neighbourhood, one dependency, and the
 * organisation overview.
 */
export function graphRoutes(options: {
  httpAuth: HttpAuthService;
  history?: HistoryService;
  snapshotFor: SnapshotFor;
}): express.Router {
  const { httpAuth, history, snapshotFor } = options;
  const router = Router();

  router.get('/graph', async (req, res) => {
    const filter = mapFilter(req);
    const asOf = historyDay(req, 'asOf');
    const compareWith = historyDay(req, 'compareWith');
    if (asOf || compareWith) {
      if (!history)
        throw new NotFoundError(
          'This backend keeps no history (asOf, compareWith)',
        );
      res
        .type('application/json')
        .send(
          await history.mapJson(
            await httpAuth.credentials(req, { allow: ['user', 'service'] }),
            filter,
            { asOf, compareWith },
          ),
        );
      return;
    }
    const snapshot = await snapshotFor(req);
    res
      .type('application/json')
      .send(
        cached(snapshot, `map:${JSON.stringify(filter)}`, () =>
          teamMap(snapshot.graph, filter, snapshot.generatedAt),
        ),
      );
  });

  router.get('/overview', async (req, res) => {
    const asOf = historyDay(req, 'asOf');
    if (asOf) {
      if (!history)
        throw new NotFoundError('This backend keeps no history (asOf)');
      res.json(
        await history.overviewAsOf(
          await httpAuth.credentials(req, { allow: ['user', 'service'] }),
          asOf,
        ),
      );
      return;
    }
    const snapshot = await snapshotFor(req);
    res.type('application/json').send(
      cached(snapshot, 'overview', () => ({
        generatedAt: snapshot.generatedAt,
        ...summariseOrganisation(snapshot),
      })),
    );
  });

  router.get('/graph/teams/:namespace/:name', async (req, res) => {
    const ref = teamRef(req.params.namespace, req.params.name);
    const snapshot = await snapshotFor(req, ref);
    const { nodes, edgesOf } = indexOf(snapshot);
    const team = nodes.get(ref);
    if (!team) throw new NotFoundError(`No team ${ref} in the catalog`);
    const edges = edgesOf.get(ref) ?? [];
    const neighbourRefs = new Set(edges.flatMap(e => [e.from, e.to]));
    neighbourRefs.delete(ref);
    res.json({
      generatedAt: snapshot.generatedAt,
      team,
      edges,
      neighbours: [...neighbourRefs].sort().map(r => nodes.get(r)!),
    });
  });

  router.get('/graph/edge', async (req, res) => {
    const from = teamRefParam(req, 'from');
    const to = teamRefParam(req, 'to');
    const { graph } = await snapshotFor(req);
    const edge = graph.edges.find(e => e.from === from && e.to === to);
    if (!edge) throw new NotFoundError(`No dependency from ${from} to ${to}`);
    res.json({ edge });
  });

  return router;
}

import express from 'express';
import Router from 'express-promise-router';
import { HttpAuthService } from '@backstage/backend-plugin-api';
import { InputError, NotFoundError } from '@backstage/errors';
import { TeamGraphService } from './services/TeamGraphService';

const teamRef = (namespace: string, name: string) =>
  `group:${namespace}/${name}`.toLocaleLowerCase('en-US');

function teamRefParam(req: express.Request, name: 'from' | 'to'): string {
  const value = req.query[name];
  if (typeof value !== 'string' || value.trim() === '') {
    throw new InputError(
      `Query parameter '${name}' is required: a team entity ref such as group:default/checkout`,
    );
  }
  return value.toLocaleLowerCase('en-US');
}

/** The team graph and structural load routes. Thin: the service does the work. */
export async function createRouter(options: {
  httpAuth: HttpAuthService;
  teamGraph: TeamGraphService;
}): Promise<express.Router> {
  const { httpAuth, teamGraph } = options;
  const router = Router();
  // `team`: the team the request is about, so a team that just arrived in the
  // catalog is found (see TeamGraphService.getSnapshot).
  const snapshotFor = async (req: express.Request, team?: string) =>
    teamGraph.getSnapshot(
      await httpAuth.credentials(req, { allow: ['user', 'service'] }),
      { teamRef: team },
    );

  // The whole map; the entity-level edges behind each team edge are left out
  // (weight says how many) and served per team or per edge.
  router.get('/graph', async (req, res) => {
    const { generatedAt, graph } = await snapshotFor(req);
    res.json({
      generatedAt,
      nodes: graph.nodes,
      edges: graph.edges.map(({ observed, ...edge }) => edge),
    });
  });

  router.get('/graph/teams/:namespace/:name', async (req, res) => {
    const ref = teamRef(req.params.namespace, req.params.name);
    const { generatedAt, graph } = await snapshotFor(req, ref);
    const team = graph.nodes.find(n => n.ref === ref);
    if (!team) throw new NotFoundError(`No team ${ref} in the catalog`);
    const edges = graph.edges.filter(e => e.from === ref || e.to === ref);
    const neighbourRefs = new Set(edges.flatMap(e => [e.from, e.to]));
    neighbourRefs.delete(ref);
    res.json({
      generatedAt,
      team,
      edges,
      neighbours: graph.nodes.filter(n => neighbourRefs.has(n.ref)),
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

  router.get('/structural-load', async (req, res) => {
    const { generatedAt, load } = await snapshotFor(req);
    res.json({ generatedAt, teams: load });
  });

  router.get('/structural-load/:namespace/:name', async (req, res) => {
    const ref = teamRef(req.params.namespace, req.params.name);
    const { generatedAt, load } = await snapshotFor(req, ref);
    const teamLoad = load.find(l => l.teamRef === ref);
    if (!teamLoad) throw new NotFoundError(`No team ${ref} in the catalog`);
    res.json({ generatedAt, load: teamLoad });
  });

  return router;
}

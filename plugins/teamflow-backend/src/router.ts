import express from 'express';
import Router from 'express-promise-router';
import { HttpAuthService } from '@backstage/backend-plugin-api';
import { ConflictError, InputError, NotFoundError } from '@backstage/errors';
import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import {
  TEAM_TYPES,
  TeamEdge,
  TeamGraphFilter,
  TeamNode,
  attentionCsv,
  summariseOrganisation,
  teamMap,
} from '@teamflow/plugin-teamflow-common';
import {
  TeamGraphService,
  TeamGraphSnapshot,
} from './services/TeamGraphService';
import { HistoryService } from './history/HistoryService';
import { AttentionService } from './attention/AttentionService';
import { AnalyticsService } from './analytics/AnalyticsService';
import { createAnalyticsRouter } from './analytics/router';

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

const TYPES: readonly string[] = [...TEAM_TYPES, 'undeclared'];

function optionalString(req: express.Request, name: string) {
  const value = req.query[name];
  if (value === undefined || value === '') return undefined;
  if (typeof value !== 'string') {
    throw new InputError(`Query parameter '${name}' must be given once`);
  }
  if (value.length > 200) {
    throw new InputError(
      `Query parameter '${name}' is longer than 200 characters`,
    );
  }
  return value;
}

function domainRef(value: string) {
  try {
    const ref = parseEntityRef(value, {
      defaultKind: 'domain',
      defaultNamespace: 'default',
    });
    if (ref.kind.toLocaleLowerCase('en-US') !== 'domain') throw new Error();
    return stringifyEntityRef(ref).toLocaleLowerCase('en-US');
  } catch {
    throw new InputError(
      `Query parameter 'domain' must be a domain entity ref such as domain:default/payments, got '${value}'`,
    );
  }
}

/** `?valueStream=&domain=&type=a,b&problems=true`, validated. */
function mapFilter(req: express.Request): TeamGraphFilter {
  const domain = optionalString(req, 'domain');
  const type = optionalString(req, 'type');
  const problems = optionalString(req, 'problems');
  const types = type?.split(',').map(t => t.trim());
  const unknown = types?.filter(t => !TYPES.includes(t));
  if (unknown?.length) {
    throw new InputError(
      `Query parameter 'type' has unknown team type(s) ${unknown.join(
        ', ',
      )}; expected any of ${TYPES.join(', ')}`,
    );
  }
  if (problems !== undefined && problems !== 'true' && problems !== 'false') {
    throw new InputError(
      `Query parameter 'problems' must be true or false, got '${problems}'`,
    );
  }
  return {
    valueStream: optionalString(req, 'valueStream'),
    domain: domain ? domainRef(domain) : undefined,
    types: types as TeamGraphFilter['types'],
    problems: problems === 'true',
  };
}

// Serialised answers per snapshot, keyed by filter: the same for every caller
// allowed to read the whole catalog, since they share the snapshot object. A
// caller seeing part of the catalog gets a new snapshot object on every request,
// so nothing is shared across callers. At most 32 filters per snapshot.
const answers = new WeakMap<TeamGraphSnapshot, Map<string, string>>();

function cached(
  snapshot: TeamGraphSnapshot,
  key: string,
  compute: () => unknown,
) {
  let bySnapshot = answers.get(snapshot);
  if (!bySnapshot) {
    bySnapshot = new Map();
    answers.set(snapshot, bySnapshot);
  }
  let json = bySnapshot.get(key);
  if (json === undefined) {
    json = JSON.stringify(compute());
    if (bySnapshot.size >= 32) bySnapshot.clear();
    bySnapshot.set(key, json);
  }
  return json;
}

// Teams by ref and each team's edges, built once per snapshot.
const indexes = new WeakMap<
  TeamGraphSnapshot,
  { nodes: Map<string, TeamNode>; edgesOf: Map<string, TeamEdge[]> }
>();

function indexOf(snapshot: TeamGraphSnapshot) {
  let index = indexes.get(snapshot);
  if (!index) {
    const edgesOf = new Map<string, TeamEdge[]>();
    const add = (ref: string, edge: TeamEdge) => {
      const list = edgesOf.get(ref);
      if (list) list.push(edge);
      else edgesOf.set(ref, [edge]);
    };
    for (const edge of snapshot.graph.edges) {
      add(edge.from, edge);
      add(edge.to, edge);
    }
    index = {
      nodes: new Map(snapshot.graph.nodes.map(n => [n.ref, n])),
      edgesOf,
    };
    indexes.set(snapshot, index);
  }
  return index;
}

const dayOf = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** The team graph and structural load routes. Thin: the service does the work. */
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
  // `team`: the team the request is about, so a team that just arrived in the
  // catalog is found (see TeamGraphService.getSnapshot).
  const snapshotFor = async (req: express.Request, team?: string) =>
    teamGraph.getSnapshot(
      await httpAuth.credentials(req, { allow: ['user', 'service'] }),
      { teamRef: team },
    );

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

  if (attention) {
    const answer = async (req: express.Request) =>
      attention.attention(
        await httpAuth.credentials(req, { allow: ['user', 'service'] }),
      );
    router.get('/attention', async (req, res) => {
      res.json(await answer(req));
    });
    router.get('/attention.csv', async (req, res) => {
      const { teams, generatedAt } = await answer(req);
      res
        .type('text/csv; charset=utf-8')
        .attachment(`teams-needing-attention-${generatedAt.slice(0, 10)}.csv`)
        .send(attentionCsv(teams));
    });
  }

  if (history) {
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
  }

  return router;
}

/** A YYYY-MM-DD query parameter that is a real day, or undefined. */
function historyDay(req: express.Request, name: string) {
  const value = optionalString(req, name);
  if (value === undefined) return undefined;
  const ms = Date.parse(`${value}T00:00:00Z`);
  if (
    !/^\d{4}-\d{2}-\d{2}$/.test(value) ||
    Number.isNaN(ms) ||
    dayOf(ms) !== value
  )
    throw new InputError(
      `Query parameter '${name}' must be a day YYYY-MM-DD, got '${value}'`,
    );
  return value;
}

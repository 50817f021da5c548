/*
 * Benchmark: the Teamflow routes over real HTTP on a generated organisation (default 2,000 teams /
 * 20,000 components), as a browser would call them after warm-up: the full map, one team's
 * neighbourhood, the structural load of all teams and the CTO overview. The snapshot comes from
 * the real TeamGraphService; the catalog is an in-process list of the generated entities with the
 * relations the catalog's processors would emit (see teamGraph.ts), so the figures are the
 * plugin's own cost, not the catalog's.
 *
 *   yarn workspace @teamflow/plugin-teamflow-backend bench
 */
import os from 'node:os';
import http from 'node:http';
import { AddressInfo } from 'node:net';
import express from 'express';
import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import {
  generateOrganisation,
  measureRequests,
  withRelations,
} from '@teamflow/org-generator';
import { createRouter } from '../src/router';
import { TeamGraphService } from '../src/services/TeamGraphService';

const teams = Number(process.env.TEAMFLOW_BENCH_TEAMS ?? 2000);
const components = Number(process.env.TEAMFLOW_BENCH_COMPONENTS ?? 20000);

async function main() {
  const entities = withRelations(generateOrganisation({ teams, components }));
  // What the service's catalog query returns: teams and the kinds they own, no users.
  const queried = entities.filter(
    e => e.kind !== 'User' && (e.kind !== 'Group' || e.spec?.type === 'team'),
  );
  const silent = () => {};
  const logger: any = {
    debug: silent,
    info: silent,
    warn: silent,
    error: silent,
    child: () => logger,
  };
  const teamGraph = TeamGraphService.create({
    catalog: { getEntities: async () => ({ items: queried }) } as any,
    auth: mockServices.auth(),
    permissions: mockServices.permissions(),
    logger,
    today: () => '2026-11-21',
  });
  const app = express();
  app.use(
    await createRouter({
      httpAuth: mockServices.httpAuth({
        defaultCredentials: mockCredentials.user(),
      }),
      teamGraph,
    }),
  );
  const server = http.createServer(app);
  await new Promise<void>(resolve => server.listen(0, resolve));
  const base = `http://localhost:${(server.address() as AddressInfo).port}`;

  const buildStart = performance.now();
  const snapshot = await teamGraph.refresh();
  const buildMs = performance.now() - buildStart;

  const measure = (paths: string[]) => measureRequests(base, paths);
  const repeat = (path: string, n: number) =>
    Array.from({ length: n }, () => path);
  const nodes = snapshot.graph.nodes;
  const teamPaths = Array.from({ length: 300 }, (_, i) => {
    const [, ns, name] = /^group:([^/]+)\/(.+)$/.exec(
      nodes[(i * 7919) % nodes.length].ref,
    )!;
    return `/graph/teams/${ns}/${name}`;
  });
  const valueStream = nodes.find(n => n.valueStream)?.valueStream ?? '';

  const result = {
    benchmark: 'team-graph-http',
    teams,
    components,
    entities: entities.length,
    teamEdges: snapshot.graph.edges.length,
    buildFromScratchMs: Math.round(buildMs),
    fullMap: await measure(repeat('/graph', 40)),
    filteredMapProblems: await measure(repeat('/graph?problems=true', 40)),
    filteredMapValueStream: await measure(
      repeat(`/graph?valueStream=${encodeURIComponent(valueStream)}`, 40),
    ),
    teamNeighbourhood: await measure(teamPaths),
    structuralLoadAllTeams: await measure(repeat('/structural-load', 40)),
    overview: await measure(repeat('/overview', 40)),
    peakRssMiB: Math.round(process.resourceUsage().maxRSS / 1024),
    cpus: os.cpus().length,
  };
  server.close();
  process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
}

main().catch(error => {
  process.stderr.write(`${error.stack}\n`);
  process.exit(1);
});

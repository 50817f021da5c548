/*
 * Benchmark: deriving the team graph and structural load from a generated organisation
 * (default 2,000 teams / 20,000 components), and the work each route does on the snapshot.
 *
 *   yarn bench                 (from the repository root: every package's benchmark)
 *   TEAMFLOW_BENCH_TEAMS=300 TEAMFLOW_BENCH_COMPONENTS=3000 yarn workspace @teamflow/plugin-teamflow-backend bench
 *
 * The catalog's relations are synthesised the way the catalog's processors emit them (ownedBy,
 * dependsOn, consumesApi, hasMember), so the input matches what the plugin reads.
 */
import os from 'node:os';
import {
  generateOrganisation,
  sampleStats,
  withRelations,
} from '@teamflow/org-generator';
import {
  computeStructuralLoad,
  deriveTeamGraph,
} from '@teamflow/plugin-teamflow-common';

const teams = Number(process.env.TEAMFLOW_BENCH_TEAMS ?? 2000);
const components = Number(process.env.TEAMFLOW_BENCH_COMPONENTS ?? 20000);

function time<T>(fn: () => T): [T, number] {
  const start = performance.now();
  const value = fn();
  return [value, performance.now() - start];
}

const entities = withRelations(generateOrganisation({ teams, components }));
const today = '2026-11-21';

const derive: number[] = [];
const load: number[] = [];
const graph = deriveTeamGraph(entities, today);
for (let i = 0; i < 5; i++) {
  derive.push(time(() => deriveTeamGraph(entities, today))[1]);
  load.push(time(() => computeStructuralLoad(entities, graph))[1]);
}

// GET /graph: serialise the whole map without the entity-level edges.
const fullMap: number[] = [];
let bytes = 0;
for (let i = 0; i < 30; i++) {
  const [body, ms] = time(() =>
    JSON.stringify({
      nodes: graph.nodes,
      edges: graph.edges.map(({ observed, ...e }) => e),
    }),
  );
  bytes = body.length;
  fullMap.push(ms);
}

// GET /graph/teams/:namespace/:name: one team's neighbourhood.
const neighbourhood: number[] = [];
for (let i = 0; i < 500; i++) {
  const ref = graph.nodes[(i * 7919) % graph.nodes.length].ref;
  neighbourhood.push(
    time(() => {
      const edges = graph.edges.filter(e => e.from === ref || e.to === ref);
      const near = new Set(edges.flatMap(e => [e.from, e.to]));
      return JSON.stringify({
        edges,
        neighbours: graph.nodes.filter(n => near.has(n.ref)),
      });
    })[1],
  );
}

process.stdout.write(
  `${JSON.stringify(
    {
      benchmark: 'team-graph',
      teams,
      components,
      entities: entities.length,
      teamEdges: graph.edges.length,
      deriveGraphMs: sampleStats(derive),
      structuralLoadMs: sampleStats(load),
      fullMapSerialiseMs: { ...sampleStats(fullMap), bytes },
      neighbourhoodMs: sampleStats(neighbourhood),
      rssMiB: Math.round(process.memoryUsage().rss / 2 ** 20),
      cpus: os.cpus().length,
    },
    null,
    2,
  )}\n`,
);

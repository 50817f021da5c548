/*
 * Benchmark: the organisation's history and the attention table at 2,000 teams / 20,000
 * components (default). A snapshot is taken from the real TeamGraphService and stored (timed);
 * a year of daily snapshots is stored and its size on disk reported; then over real HTTP the map
 * as of a day, the map compared with another day, and the attention table — whose three borrowed
 * sources (delivery, tech debt, cognitive load) are local HTTP servers answering every team's
 * row in those plugins' documented shapes, so the figure is this plugin's own cost (the sources'
 * costs are their own benchmarks).
 *
 *   yarn workspace @teamflow/plugin-teamflow-backend bench
 *   TEAMFLOW_BENCH_DATABASE=postgresql://… (default: a SQLite file in the OS temp directory)
 */
import os from 'node:os';
import http from 'node:http';
import { AddressInfo } from 'node:net';
import express from 'express';
import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import {
  generateOrganisation,
  measureRequests,
  openBenchDatabase,
  withRelations,
} from '@teamflow/org-generator';
import { createRouter } from '../src/router';
import { TeamGraphService } from '../src/services/TeamGraphService';
import { HistoryStore } from '../src/history/HistoryStore';
import { HistoryService } from '../src/history/HistoryService';
import { AttentionService } from '../src/attention/AttentionService';
import { ALL_TEAMFLOW_TABLES } from './tables';

const teams = Number(process.env.TEAMFLOW_BENCH_TEAMS ?? 2000);
const components = Number(process.env.TEAMFLOW_BENCH_COMPONENTS ?? 20000);
const DAY = 86_400_000;
const TODAY = Date.UTC(2026, 11, 1, 9);

function serve(app: express.Express) {
  const server = http.createServer(app);
  return new Promise<{ base: string; close: () => void }>(resolve =>
    server.listen(0, () =>
      resolve({
        base: `http://localhost:${(server.address() as AddressInfo).port}`,
        close: () => server.close(),
      }),
    ),
  );
}

/** The three plugins' answers for every team, in their shapes. */
function sources(refs: string[]) {
  const summary = (i: number) => ({
    window: { from: '2026-09-02', to: '2026-12-01', days: 90 },
    deploymentFrequency: {
      deployments: 20 + (i % 200),
      perDay: Math.round(((20 + (i % 200)) / 90) * 100) / 100,
      deployDaysPerWeek: 3,
    },
    leadTimeHours: {
      status: 'ok',
      n: 100,
      median: 10 + (i % 300),
      p75: 20,
      p90: 30,
      approximate: true,
    },
    changeFailRate: {
      status: 'ok',
      n: 100,
      numerator: i % 40,
      rate: (i % 40) / 100,
    },
    recoveryTimeHours: {
      status: 'ok',
      n: 10,
      median: 1 + (i % 50),
      p75: 2,
      p90: 3,
    },
    reworkRate: { status: 'ok', n: 100, numerator: 5, rate: 0.05 },
    coverage: {
      deployments: 100,
      deploymentsWithChanges: 90,
      incidents: 10,
      incidentsWithoutDeployment: 0,
    },
    trend: [],
  });
  const app = express();
  app.get('/delivery/metrics/org', (_req, res) =>
    res.json({
      environment: 'production',
      definitions: { minimumSample: 5 },
      window: { from: '2026-09-02', to: '2026-12-01' },
      organisation: summary(0),
      teams: refs
        .filter((_, i) => i % 4 !== 0)
        .map((teamRef, i) => ({ teamRef, summary: summary(i) })),
      teamsWithoutEvents: refs.filter((_, i) => i % 4 === 0),
    }),
  );
  app.get('/tech-debt/rollup/org', (_req, res) =>
    res.json({
      byTeam: refs.map((teamRef, i) => ({
        teamRef,
        open: i % 7,
        score: (i % 7) * 12.5,
      })),
    }),
  );
  app.get('/cognitive-load/results/heatmap', (_req, res) =>
    res.json({
      k: 5,
      wave: { id: 'w', title: 'Autumn' },
      rows: refs.map((ref, i) => ({
        ref,
        surveyed: true,
        status: i % 9 ? 'released' : 'not-enough-responses',
        scores: i % 9 ? { load: { median: 30 + (i % 40), n: 7 } } : undefined,
      })),
    }),
  );
  return app;
}

async function main() {
  const entities = withRelations(generateOrganisation({ teams, components }));
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
    today: () => '2026-12-01',
  });
  await teamGraph.refresh();
  const db = await openBenchDatabase('history', ALL_TEAMFLOW_TABLES);
  const store = await HistoryStore.create(
    mockServices.database({ knex: db.knex }),
  );
  const upstream = await serve(
    sources((await teamGraph.current()).graph.nodes.map(n => n.ref)),
  );
  const attention = new AttentionService({
    teamGraph,
    discovery: {
      getBaseUrl: async (id: string) => `${upstream.base}/${id}`,
      getExternalBaseUrl: async (id: string) => `${upstream.base}/${id}`,
    },
    auth: mockServices.auth(),
    logger,
  });
  let now = TODAY;
  // Snapshots keep every team's debt and delivery, read from the plugins
  // over HTTP as the backend does (here their stand-ins above).
  const history = new HistoryService(
    store,
    teamGraph,
    mockServices.permissions(),
    logger,
    400,
    () => now,
    undefined,
    () => attention.serviceSignals(),
  );

  // Today's snapshot, timed (5 takes: building it from the graph and storing it).
  const snapshotMs: number[] = [];
  for (let i = 0; i < 5; i++) {
    const start = performance.now();
    await history.takeSnapshot('scheduled');
    snapshotMs.push(performance.now() - start);
  }
  // A year of daily snapshots (today's, re-dated), then what they take.
  const today = (await store.onOrBefore('2026-12-01'))!;
  for (let d = 1; d < 365; d++) {
    const takenOn = new Date(TODAY - d * DAY).toISOString().slice(0, 10);
    await store.save({ ...today, takenOn }, TODAY - d * DAY, 'scheduled');
  }
  let yearBytes: number | undefined;
  if (db.engine === 'postgresql') {
    const row = await db.knex.raw(
      "select pg_total_relation_size('teamflow_org_snapshots') as bytes",
    );
    yearBytes = Number(row.rows[0].bytes);
  } else {
    const row = await db.knex('teamflow_org_snapshots').sum({
      bytes: db.knex.raw('length(snapshot)'),
    });
    yearBytes = Number(row[0].bytes);
  }
  now = TODAY;

  const app = express();
  app.use(
    await createRouter({
      httpAuth: mockServices.httpAuth({
        defaultCredentials: mockCredentials.user(),
      }),
      teamGraph,
      history,
      attention,
      now: () => now,
    }),
  );
  const api = await serve(app);
  const repeat = (path: string, n: number) =>
    Array.from({ length: n }, () => path);
  // The client reads from its own thread, as a browser reads from elsewhere.
  const measure = (paths: string[]) =>
    measureRequests(api.base, paths, 3, { clientThread: true });
  const days = Array.from({ length: 40 }, (_, i) =>
    new Date(TODAY - (1 + ((i * 37) % 360)) * DAY).toISOString().slice(0, 10),
  );
  const result = {
    benchmark: 'history-and-attention',
    engine: db.engine,
    teams,
    components,
    snapshotTakeMs: {
      median: Math.round([...snapshotMs].sort((a, b) => a - b)[2]),
      max: Math.round(Math.max(...snapshotMs)),
    },
    snapshotBytes: JSON.stringify(today).length,
    yearOfDailySnapshotsMiB: Math.round((yearBytes / 1048576) * 10) / 10,
    mapAsOf: await measure(days.map(d => `/graph?asOf=${d}`)),
    mapCompared: await measure(
      days.map(d => `/graph?asOf=2026-12-01&compareWith=${d}`),
    ),
    changesBetweenTwoDays: await measure(
      days.map(d => `/history/changes?from=${d}&to=2026-12-01`),
    ),
    attentionTable: await measure(repeat('/attention', 40)),
    attentionCsv: await measure(repeat('/attention.csv', 20)),
    peakRssMiB: Math.round(process.resourceUsage().maxRSS / 1024),
    cpus: os.cpus().length,
  };
  api.close();
  upstream.close();
  await db.close();
  process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
}

main().catch(error => {
  process.stderr.write(`${error.stack}\n`);
  process.exit(1);
});

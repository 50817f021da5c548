/*
 * Benchmark: how long the portal's catalog takes to ingest a generated large organisation, how
 * much memory the backend peaks at, and how fast catalog queries answer afterwards.
 *
 *   yarn bench                                   # 200 teams / 2,000 components (a few minutes)
 *   TEAMFLOW_BENCH_TEAMS=2000 TEAMFLOW_BENCH_COMPONENTS=20000 yarn bench   # reference size
 *   TEAMFLOW_BENCH_DATABASE=postgresql://postgres@127.0.0.1:5433 yarn bench  # on PostgreSQL
 *
 * It starts the real catalog backend (backend-defaults, SQLite file or PostgreSQL) on port 7099
 * and measures through its HTTP API with a static token, as an integration would.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createBackend } from '@backstage/backend-defaults';
import {
  coreServices,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import { ConfigReader } from '@backstage/config';
import {
  generateOrganisation,
  writeOrganisation,
} from '@teamflow/org-generator';

const teams = Number(process.env.TEAMFLOW_BENCH_TEAMS ?? 200);
const components = Number(process.env.TEAMFLOW_BENCH_COMPONENTS ?? 2000);
const databaseUrl = process.env.TEAMFLOW_BENCH_DATABASE;
const port = 7099;
const token = 'teamflow-bench-token';
const baseUrl = `http://localhost:${port}`;

function quantile(sorted: number[], q: number) {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
}

async function main() {
  const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'teamflow-bench-'));

  let t = performance.now();
  // Persona/TeamInteraction are left out until the catalog has a processor for them.
  const entities = generateOrganisation({
    teams,
    components,
    teamflowKinds: false,
  });
  const generateMs = performance.now() - t;
  const files = writeOrganisation(path.join(workDir, 'org'), entities);

  const database = databaseUrl
    ? { client: 'pg', connection: databaseUrl, prefix: `bench_${Date.now()}_` }
    : {
        client: 'better-sqlite3',
        connection: { directory: path.join(workDir, 'db') },
      };
  const config = new ConfigReader({
    backend: {
      baseUrl,
      listen: { port },
      database,
      auth: {
        externalAccess: [
          { type: 'static', options: { token, subject: 'bench' } },
        ],
      },
    },
    catalog: {
      rules: [
        {
          allow: [
            'Component',
            'System',
            'API',
            'Resource',
            'Location',
            'Domain',
            'Group',
            'User',
          ],
        },
      ],
      locations: files.map(target => ({ type: 'file', target })),
    },
  });

  let peakRss = process.memoryUsage().rss;
  const sampler = setInterval(() => {
    peakRss = Math.max(peakRss, process.memoryUsage().rss);
  }, 100);

  const backend = createBackend();
  backend.add(
    createServiceFactory({
      service: coreServices.rootConfig,
      deps: {},
      factory: () => config,
    }),
  );
  backend.add(import('@backstage/plugin-catalog-backend'));
  t = performance.now();
  await backend.start();

  const get = async (url: string) => {
    const res = await fetch(`${baseUrl}${url}`, {
      headers: { Authorization: `Bearer ${token}` },
    });
    if (!res.ok) throw new Error(`${url}: ${res.status} ${await res.text()}`);
    return res.json();
  };
  const expected = entities.length + files.length; // plus one Location entity per file
  let stored = 0;
  const deadline = Date.now() + 60 * 60_000;
  while (stored < expected && Date.now() < deadline) {
    await new Promise(r => setTimeout(r, 1000));
    stored = (
      await get('/api/catalog/entities/by-query?limit=1&fields=metadata.name')
    ).totalItems;
  }
  const ingestMs = performance.now() - t;

  // Query latency after ingestion: one team's components (the shape entity pages ask for).
  const samples: number[] = [];
  for (let i = 0; i < 40; i++) {
    const owner = `group:default/team-${(i % teams) + 1}`;
    const s = performance.now();
    await get(
      `/api/catalog/entities/by-query?filter=kind=component,relations.ownedBy=${owner}&limit=100`,
    );
    samples.push(performance.now() - s);
  }
  samples.sort((a, b) => a - b);
  clearInterval(sampler);

  const result = {
    benchmark: 'catalog-ingestion',
    database: databaseUrl ? 'postgresql' : 'sqlite',
    teams,
    components,
    entities: expected,
    complete: stored >= expected,
    generateMs: Math.round(generateMs),
    ingestSeconds: Math.round(ingestMs / 100) / 10,
    entitiesPerSecond: Math.round(stored / (ingestMs / 1000)),
    peakRssMiB: Math.round(peakRss / 2 ** 20),
    ownedComponentsQueryMs: {
      median: Math.round(quantile(samples, 0.5) * 10) / 10,
      p95: Math.round(quantile(samples, 0.95) * 10) / 10,
    },
    cpus: os.cpus().length,
  };
  process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
  await backend.stop();
  fs.rmSync(workDir, { recursive: true, force: true });
  process.exit(result.complete ? 0 : 1);
}

main().catch(error => {
  process.stderr.write(`${error.stack ?? error}\n`);
  process.exit(1);
});

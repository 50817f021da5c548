/*
 * Benchmark: cognitive-load results over real HTTP at organisation scale — 2,000 teams under
 * 40 business units, 8 waves each surveying every team, 8 respondents per team and wave
 * (128,000 responses) — the org heatmap of a wave and one team's results across waves.
 *
 *   yarn workspace @teamflow/plugin-cognitive-load-backend bench
 *   TEAMFLOW_BENCH_DATABASE=postgresql://… (default: a SQLite file in the OS temp directory)
 *   TEAMFLOW_BENCH_TEAMS=2000 TEAMFLOW_BENCH_WAVES=8 TEAMFLOW_BENCH_RESPONDENTS=8
 *
 * Real parts: the plugin's store (knex migrations, SQLite or PostgreSQL), SurveyService and
 * router. The catalog is an in-process list of the generated groups.
 */
import os from 'node:os';
import http from 'node:http';
import { AddressInfo } from 'node:net';
import express from 'express';
import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import {
  DEFAULT_INSTRUMENT,
  SUBSCALES,
} from '@teamflow/plugin-cognitive-load-common';
import {
  measureRequests,
  sampleStats,
  openBenchDatabase,
} from '@teamflow/org-generator';
import { DatabaseCognitiveLoadStore } from '../src/database/DatabaseCognitiveLoadStore';
import { SurveyService } from '../src/service/SurveyService';
import { createRouter } from '../src/router';
import { respondentKey } from '../src/service/respondentKey';
import { answersFor } from '../src/service/demoSeed';

const TEAMS = Number(process.env.TEAMFLOW_BENCH_TEAMS ?? 2000);
const WAVES = Number(process.env.TEAMFLOW_BENCH_WAVES ?? 8);
const RESPONDENTS = Number(process.env.TEAMFLOW_BENCH_RESPONDENTS ?? 8);
const UNITS = 40;
const SECRET = 'benchmark-secret-of-enough-length';

async function main() {
  const db = await openBenchDatabase('cognitive-load', [
    'published_responses',
    'publications',
    'responses',
    'wave_teams',
    'waves',
  ]);
  const knex = db.knex;
  const store = await DatabaseCognitiveLoadStore.create({
    database: mockServices.database({ knex }),
  });

  // Groups: root > 40 units > 2,000 teams.
  const team = (i: number) => `group:default/team-${i}`;
  const unit = (i: number) => `group:default/unit-${i}`;
  const groups = [
    {
      kind: 'Group',
      metadata: { name: 'org', namespace: 'default' },
      spec: { type: 'organization' },
      relations: [],
    },
    ...Array.from({ length: UNITS }, (_, i) => ({
      kind: 'Group',
      metadata: { name: `unit-${i}`, namespace: 'default' },
      spec: { type: 'business-unit' },
      relations: [{ type: 'childOf', targetRef: 'group:default/org' }],
    })),
    ...Array.from({ length: TEAMS }, (_, i) => ({
      kind: 'Group',
      metadata: {
        name: `team-${i}`,
        namespace: 'default',
        labels: {
          'teamflow.io/team-type': i % 10 === 0 ? 'platform' : 'stream-aligned',
        },
      },
      spec: { type: 'team' },
      relations: [{ type: 'childOf', targetRef: unit(i % UNITS) }],
    })),
  ];

  const seedStart = performance.now();
  const waveIds: string[] = [];
  for (let w = 0; w < WAVES; w++) {
    const id = `wave-${w}`;
    waveIds.push(id);
    await store.createWave({
      id,
      title: `Wave ${w}`,
      instrument: DEFAULT_INSTRUMENT,
      opensAt: new Date(Date.UTC(2025, w * 1, 1)).toISOString(),
      closesAt: new Date(Date.UTC(2025, w * 1, 20)).toISOString(),
      createdBy: 'user:default/bench',
      createdAt: new Date().toISOString(),
      teams: Array.from({ length: TEAMS }, (_, i) => team(i)),
    });
    const rows = [];
    for (let t = 0; t < TEAMS; t++) {
      const base = 30 + ((t * 37) % 40);
      const profile = Object.fromEntries(
        SUBSCALES.map((s, j) => [s, base + j * 5]),
      ) as any;
      for (let r = 0; r < RESPONDENTS; r++) {
        const user = `user:default/u-${t}-${r}`;
        rows.push({
          wave_id: id,
          team_ref: team(t),
          respondent_key: respondentKey(SECRET, id, team(t), user),
          answers: JSON.stringify(
            answersFor(DEFAULT_INSTRUMENT, profile, `${id}:${user}`),
          ),
        });
      }
    }
    for (let i = 0; i < rows.length; i += 500) {
      await knex.batchInsert('responses', rows.slice(i, i + 500), 500);
    }
  }
  const seedMs = performance.now() - seedStart;

  // A fresh service has nothing cached: its first heatmap of a wave is the cold path.
  const serve = async () => {
    const surveys = SurveyService.create({
      store,
      catalog: { getEntities: async () => ({ items: groups }) } as any,
      auth: mockServices.auth(),
      userInfo: mockServices.userInfo(),
      permissions: mockServices.permissions(),
      config: {
        k: 5,
        secret: SECRET,
        instruments: [DEFAULT_INSTRUMENT],
        defaultInstrument: DEFAULT_INSTRUMENT,
        showOpenWaveResults: true,
        seedDemo: false,
      },
      logger: mockServices.rootLogger({ level: 'error' }),
    });
    const app = express();
    app.use(
      await createRouter({
        httpAuth: mockServices.httpAuth({
          defaultCredentials: mockCredentials.user(),
        }),
        surveys,
      }),
    );
    const server = http.createServer(app);
    await new Promise<void>(resolve => server.listen(0, resolve));
    return {
      server,
      surveys,
      base: `http://localhost:${(server.address() as AddressInfo).port}/`,
    };
  };
  const { server, base } = await serve();

  const get = async (p: string, at: string) => {
    const start = performance.now();
    const res = await fetch(`${at}${p}`);
    await res.arrayBuffer();
    if (!res.ok) throw new Error(`${p}: ${res.status}`);
    return performance.now() - start;
  };
  const measure = (paths: string[]) => measureRequests(base, paths);

  // Cold: every sample on a service that has not seen the wave. First in
  // the minute after the waves closed (computed from the answers, with the
  // previous wave for changes), then once the scheduled task sealed them
  // (their results kept in the database).
  const coldSamples = async () => {
    const samples: number[] = [];
    for (let round = 0; round < 3; round++) {
      const fresh = await serve();
      for (const id of waveIds) {
        samples.push(await get(`results/heatmap?wave=${id}`, fresh.base));
      }
      fresh.server.close();
    }
    return samples;
  };
  const coldBeforeSealing = await coldSamples();
  const sealer = await serve();
  const sealStart = performance.now();
  const sealed = await sealer.surveys.sealClosedWaves();
  const sealMs = performance.now() - sealStart;
  sealer.server.close();
  const cold = await coldSamples();
  const heatmapPaths = Array.from(
    { length: 40 },
    (_, i) => `results/heatmap?wave=${waveIds[i % WAVES]}`,
  );
  const teamPaths = Array.from(
    { length: 100 },
    (_, i) => `results/teams/default/team-${(i * 7919) % TEAMS}`,
  );
  const result = {
    benchmark: 'cognitive-load-results',
    database: db.engine,
    teams: TEAMS,
    waves: WAVES,
    respondentsPerTeamAndWave: RESPONDENTS,
    responses: TEAMS * WAVES * RESPONDENTS,
    seedMs: Math.round(seedMs),
    heatmapOneWaveColdBeforeSealing: sampleStats(coldBeforeSealing),
    sealMsPerWave: Math.round(sealMs / sealed),
    heatmapOneWaveCold: sampleStats(cold),
    heatmapOneWaveWarm: await measure(heatmapPaths),
    heatmapDefaultWave: await measure(
      Array.from({ length: 20 }, () => 'results/heatmap'),
    ),
    teamResultsAcrossWaves: await measure(teamPaths),
    peakRssMiB: Math.round(process.resourceUsage().maxRSS / 1024),
    cpus: os.cpus().length,
  };
  server.close();
  await db.close();
  process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
}

main().catch(error => {
  process.stderr.write(`${error.stack}\n`);
  process.exit(1);
});

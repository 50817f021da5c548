/*
 * Benchmark: product analytics. A year of daily aggregates for 500 features used by 10
 * personas (each feature by 4 personas and by users matching none: ~910,000 rows), then over
 * real HTTP: Segment batches ingested (events per second, 500 calls a batch, 20,000 users), and
 * the 90-day (13-week) views of one persona's features and of one feature's personas, summed
 * from the day rows and read from the weeks rolled up (with the time a roll-up of the year takes).
 *
 *   yarn workspace @teamflow/plugin-teamflow-backend bench
 *   TEAMFLOW_BENCH_DATABASE=postgresql://… (default: a SQLite file in the OS temp directory)
 *   TEAMFLOW_BENCH_EVENTS=100000 (events ingested)
 *   TEAMFLOW_BENCH_CPUPROF=file (a V8 CPU profile of the ingest phase)
 *   TEAMFLOW_BENCH_MIX=live (the last hour's traffic; default: every call a new user-week)
 *   TEAMFLOW_BENCH_BATCH=20 (calls per request; default 500, a browser's analytics.js flushes ~20)
 *   TEAMFLOW_BENCH_SENDERS=32 (concurrent senders; default 4)
 *   TEAMFLOW_BENCH_PREPARED=0 (PostgreSQL: without prepared statements, to compare)
 */
import http from 'node:http';
import { AddressInfo } from 'node:net';
import express from 'express';
import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { Entity } from '@backstage/catalog-model';
import {
  measureRequests,
  openBenchDatabase,
  startCpuMeter,
  startCpuProfile,
} from '@teamflow/org-generator';
import { weekOf } from '@teamflow/plugin-teamflow-common';
import { AnalyticsStore } from '../src/analytics/database/AnalyticsStore';
import { AnalyticsService } from '../src/analytics/AnalyticsService';
import { createAnalyticsRouter } from '../src/analytics/router';
import { ALL_TEAMFLOW_TABLES } from './tables';

const FEATURES = 500;
const PERSONAS = 10;
const EVENTS = Number(process.env.TEAMFLOW_BENCH_EVENTS ?? 100_000);
const USERS = 20_000;
const BATCH = Number(process.env.TEAMFLOW_BENCH_BATCH ?? 500);
const DAY = 86_400_000;
const WRITE_KEY = 'bench-write-key-0000000001';

const personaRef = (p: number) => `persona:default/persona-${p}`;
const featureRef = (f: number) => `feature:default/feature-${f}`;

function entities(): Entity[] {
  const out: Entity[] = [];
  for (let p = 0; p < PERSONAS; p++)
    out.push({
      apiVersion: 'teamflow.io/v1alpha1',
      kind: 'Persona',
      metadata: { name: `persona-${p}`, namespace: 'default' },
      spec: { analytics: { rules: [{ segment: `s${p}` }] } },
    });
  for (let f = 0; f < FEATURES; f++)
    out.push({
      apiVersion: 'teamflow.io/v1alpha1',
      kind: 'Feature',
      metadata: { name: `feature-${f}`, namespace: 'default' },
      spec: {
        owner: 'group:default/team',
        lifecycle: 'launched',
        targets: [{ persona: personaRef(f % PERSONAS), why: 'bench' }],
        analytics: {
          events: [`Feature ${f} Used`],
          success: [`Feature ${f} Done`],
        },
      },
    });
  return out;
}

async function main() {
  const db = await openBenchDatabase('analytics', ALL_TEAMFLOW_TABLES);
  const database = mockServices.database({ knex: db.knex });
  const prepared = process.env.TEAMFLOW_BENCH_PREPARED !== '0';
  const store = await AnalyticsStore.create(database, {
    preparedStatements: prepared,
  });
  const logger: any = {
    info() {},
    warn() {},
    error() {},
    debug() {},
    child() {
      return logger;
    },
  };
  const analytics = new AnalyticsService(
    store,
    catalogServiceMock({ entities: entities() }),
    mockServices.auth(),
    logger,
    {
      sources: [{ id: 'bench', writeKey: WRITE_KEY }],
      userIdKey: 'bench-user-id-key-000001',
      retentionDays: 90,
      demo: false,
    },
  );

  // A year of daily aggregates.
  const now = Date.now();
  const rows = [];
  for (let f = 0; f < FEATURES; f++)
    for (const persona of [0, 1, 2, 3, -1]) {
      const p =
        persona < 0 ? 'unassigned' : personaRef((f + persona) % PERSONAS);
      for (let d = 365; d >= 1; d--) {
        const day = new Date(now - d * DAY).toISOString().slice(0, 10);
        rows.push({
          feature: featureRef(f),
          persona: p,
          day,
          events: 40 + ((f + d) % 17),
          week_users: 10 + (d % 7),
          returning_users: 5,
          new_users: 1,
          successes: 3,
          failures: 1,
          score_sum: 0,
          scores: 0,
        });
      }
    }
  let start = performance.now();
  await store.writeDaily(rows);
  const writeSeconds = (performance.now() - start) / 1000;

  const app = express();
  app.use(
    '/api/teamflow',
    createAnalyticsRouter({
      httpAuth: mockServices.httpAuth({
        defaultCredentials: mockCredentials.user(),
      }),
      analytics,
    }),
  );
  app.use(
    (
      err: any,
      _req: express.Request,
      res: express.Response,
      _next: express.NextFunction,
    ) => res.status(err?.name === 'InputError' ? 400 : 500).send(String(err)),
  );
  const server = http.createServer(app);
  await new Promise<void>(r => server.listen(0, r));
  const base = `http://localhost:${
    (server.address() as AddressInfo).port
  }/api/teamflow`;
  const auth = `Basic ${Buffer.from(`${WRITE_KEY}:`).toString('base64')}`;
  const post = async (body: object | string) => {
    const res = await fetch(`${base}/analytics/v1/batch`, {
      method: 'POST',
      headers: { Authorization: auth, 'Content-Type': 'application/json' },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });
    if (res.status !== 200)
      throw new Error(`${res.status} ${await res.text()}`);
    return res.json();
  };

  // Users identified first (not timed), then the events, timed.
  for (let u = 0; u < USERS; u += BATCH)
    await post({
      batch: Array.from({ length: Math.min(BATCH, USERS - u) }, (_, i) => ({
        type: 'identify',
        userId: `user-${u + i}`,
        traits: { segment: `s${(u + i) % (PERSONAS + 1)}`, plan: 'family' },
        messageId: `identify-${u + i}`,
        timestamp: new Date(now - 30 * DAY).toISOString(),
      })),
    });
  // TEAMFLOW_BENCH_MIX=live: the last hour's traffic, each user coming back
  // to the same feature (a new user-week once, then counters only). The
  // default is the costliest mix: every call a new week of a feature × user
  // pair, at times spread over 60 days.
  const live = process.env.TEAMFLOW_BENCH_MIX === 'live';
  // Serialised before the clock starts: a source sends bytes it made on
  // its own machine.
  const batches: string[] = [];
  for (let e = 0; e < EVENTS; e += BATCH)
    batches.push(
      JSON.stringify({
        batch: Array.from({ length: Math.min(BATCH, EVENTS - e) }, (_, i) => {
          const n = e + i;
          const user = (n * 7919) % USERS;
          const feature = live ? (user * 17) % FEATURES : n % FEATURES;
          return {
            type: 'track',
            userId: `user-${user}`,
            event: `Feature ${feature} ${n % 5 ? 'Used' : 'Done'}`,
            properties: { plan: 'family', value: n % 100 },
            messageId: `track-${n}`,
            timestamp: new Date(
              live
                ? now - 60_000 - (n % 3_600) * 1_000
                : now - ((n * 13) % (60 * 24)) * 3_600_000,
            ).toISOString(),
          };
        }),
      }),
    );
  // TEAMFLOW_BENCH_PROFILE=1: time per kind of statement during ingest.
  const spent = new Map<string, { n: number; ms: number }>();
  const began = new Map<string, number>();
  if (process.env.TEAMFLOW_BENCH_PROFILE) {
    db.knex.on('query', (q: any) =>
      began.set(q.__knexQueryUid, performance.now()),
    );
    db.knex.on('query-response', (_r: any, q: any) => {
      // (The rows' WITH clause left out: the statement after it tells.)
      const key = String(q.sql)
        .replace(/^with v(\(.*?\))? as \(.*?\) (?=insert|select|update)/s, '')
        .replace(/\s+/g, ' ')
        .slice(0, 48);
      const entry = spent.get(key) ?? { n: 0, ms: 0 };
      entry.n += 1;
      entry.ms += performance.now() - (began.get(q.__knexQueryUid) ?? 0);
      spent.set(key, entry);
    });
  }
  // TEAMFLOW_BENCH_CPUPROF=file: a V8 CPU profile of the ingest phase.
  const stopCpuProfile = await startCpuProfile();
  const cpu = startCpuMeter();
  start = performance.now();
  let accepted = 0;
  // Several senders at once, as a source's workers would.
  const senders = Number(process.env.TEAMFLOW_BENCH_SENDERS ?? 4);
  const queue = [...batches];
  await Promise.all(
    Array.from({ length: senders }, async () => {
      for (let b = queue.shift(); b; b = queue.shift()) {
        // Read the answer before adding: `accepted += await …` would add to
        // the value read before the other sender's await.
        const answer = await post(b);
        accepted += answer.accepted;
      }
    }),
  );
  const ingestSeconds = (performance.now() - start) / 1000;
  const { processMs, postgresMs } = cpu();
  await stopCpuProfile();
  for (const [sql, { n, ms }] of [...spent].sort((a, b) => b[1].ms - a[1].ms))
    console.error(`${Math.round(ms)} ms in ${n}× ${sql}`);
  db.knex.removeAllListeners('query');
  db.knex.removeAllListeners('query-response');
  if (accepted !== EVENTS) throw new Error(`accepted ${accepted} of ${EVENTS}`);

  // The views: summed from the day rows (no week rolled up yet, as right
  // after the ingest), then with the weeks that ended rolled up, then from
  // the day rows again (every week noted stale), to compare in one run.
  const views = async () => ({
    persona: await measureRequests(
      base,
      Array.from(
        { length: 60 },
        (_, i) =>
          `/analytics/usage?persona=${personaRef(i % PERSONAS)}&weeks=13`,
      ),
    ),
    feature: await measureRequests(
      base,
      Array.from(
        { length: 60 },
        (_, i) =>
          `/analytics/usage?feature=${featureRef(
            (i * 37) % FEATURES,
          )}&weeks=13`,
      ),
    ),
    // The CTO overview: every persona's 4 weeks against the 4 before.
    personas: await measureRequests(
      base,
      Array.from({ length: 20 }, () => `/analytics/personas?weeks=4`),
    ),
  });
  const fromDays = await views();
  start = performance.now();
  const rolledWeeks = (await analytics.rollWeeks()).length;
  const rollSeconds = (performance.now() - start) / 1000;
  const rolled = await views();
  const weeks = await db.knex('analytics_weekly_done').select('week');
  await db.knex('analytics_weekly_stale').insert(weeks);
  const fromDaysAgain = await views();
  start = performance.now();
  await analytics.rollWeeks();
  const rollAgainSeconds = (performance.now() - start) / 1000;
  console.log(
    JSON.stringify(
      {
        engine: db.engine,
        aggregateRows: rows.length,
        aggregatesWrittenSeconds: Math.round(writeSeconds * 10) / 10,
        ingest: {
          mix: live ? 'live' : 'new user-weeks',
          events: EVENTS,
          callsPerRequest: BATCH,
          ...(db.engine === 'postgresql'
            ? { preparedStatements: prepared }
            : {}),
          senders,
          seconds: Math.round(ingestSeconds * 10) / 10,
          eventsPerSecond: Math.round(EVENTS / ingestSeconds),
          // CPU per 1,000 events: the benchmark's process (the senders
          // included) and the local PostgreSQL server's.
          cpuMsPer1000: {
            process: Math.round((processMs / EVENTS) * 10_000) / 10,
            ...(postgresMs !== undefined
              ? { postgres: Math.round((postgresMs / EVENTS) * 10_000) / 10 }
              : {}),
          },
        },
        weeksRolledUp: {
          weeks: rolledWeeks,
          seconds: Math.round(rollSeconds * 100) / 100,
          againSeconds: Math.round(rollAgainSeconds * 100) / 100,
        },
        personaView13Weeks: {
          rolledUp: rolled.persona,
          fromDays: fromDays.persona,
          fromDaysAgain: fromDaysAgain.persona,
        },
        personasEngagement4Weeks: {
          rolledUp: rolled.personas,
          fromDays: fromDays.personas,
          fromDaysAgain: fromDaysAgain.personas,
        },
        featureView13Weeks: {
          rolledUp: rolled.feature,
          fromDays: fromDays.feature,
          fromDaysAgain: fromDaysAgain.feature,
        },
        week: weekOf(new Date(now).toISOString().slice(0, 10)),
      },
      null,
      2,
    ),
  );
  server.close();
  await db.close();
}

main().catch(e => {
  console.error(e);
  process.exit(1);
});

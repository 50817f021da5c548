/*
 * Benchmark: the delivery ledger at organisation scale over real HTTP.
 *
 *   yarn workspace @teamflow/plugin-delivery-backend bench
 *   TEAMFLOW_BENCH_DATABASE=postgresql://… (default: a SQLite file in the OS temp directory)
 *   TEAMFLOW_BENCH_DEPLOYMENTS=2000000 TEAMFLOW_BENCH_CHANGES=20000000 (SQLite default 2000000)
 *   TEAMFLOW_BENCH_INCIDENTS=200000 TEAMFLOW_BENCH_COMPONENTS=20000 TEAMFLOW_BENCH_TEAMS=2000
 *
 * Knobs for looking closer (off by default):
 *   TEAMFLOW_BENCH_KEEP=1          PostgreSQL: reuse the history an earlier run generated
 *   TEAMFLOW_BENCH_COLD=1          skip the warm-up judging (first events after a bulk import)
 *   TEAMFLOW_BENCH_BATCHES=30      ingest batches of 1,000 events
 *   TEAMFLOW_BENCH_INGEST_ONLY=1   skip the summaries
 *   TEAMFLOW_BENCH_SEPARATE=1      store every batch first, then judge (the stages apart)
 *   TEAMFLOW_BENCH_PROFILE=1       time per store call (stderr)
 *   TEAMFLOW_BENCH_CPUPROF=file    V8 CPU profile of the ingest phase (of the reads with
 *                                  TEAMFLOW_BENCH_READS_ONLY)
 *   TEAMFLOW_BENCH_READS_ONLY=1    PostgreSQL with KEEP: only the summaries, on the kept history
 *   TEAMFLOW_BENCH_PG_STATEMENTS=1 PostgreSQL: the ingest phase's costliest statements from
 *                                  pg_stat_statements (the server must preload it)
 *
 * History: a year of deployments (one per component every 3.65 days), changes and incidents,
 * generated inside the database (generate_series / a recursive CTE), with their day roll-ups
 * (one entity row per deployment day, team rows summed by the store's own SQL). The roll-ups
 * carry fixed judged values per row (four lead-time profiles); that they equal the definitions'
 * numbers is the store tests' job, this measures reading and writing at size.
 *
 * Measured, through the plugin's router and DeliveryService (catalog: the in-memory test catalog
 * with every component and team):
 * - ingest: 30 batches of 1,000 CDEvents (CloudEvents JSON) for 100 components each, parsed,
 *   validated, stored and judged with the roll-ups of the days they touch rewritten;
 * - one component's 90-day summary, one team's (10 components), the organisation by team (with
 *   and without the teams' weekly trends): asked again with nothing judged since, after each
 *   judged batch of 10 deployments (of 10 teams asked before, or of others), and beside both
 *   by a backend keeping no organisation answers (delivery.organisationCache: false); and on
 *   each of 12 new days its 90 days up to today, summed ahead as the backend's minute task
 *   does, asked first and after that day's first judgements, with the page's 180 days up to
 *   today and windows not read ahead (a past month, the last whole weeks, 180 days ending a
 *   week ago), and each day's read-ahead time;
 * - PostgreSQL: the same three questions as raw SQL over the event tables (as DevLake answers).
 */
import os from 'node:os';
import http from 'node:http';
import { AddressInfo } from 'node:net';
import express from 'express';
import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import {
  measureRequests,
  openBenchDatabase,
  sampleStats,
  startCpuProfile,
} from '@teamflow/org-generator';
import { HISTOGRAM_BUCKETS, bucketOf } from '@teamflow/plugin-delivery-common';
import { DeliveryStore } from '../src/database/DeliveryStore';
import { DeliveryService } from '../src/service/DeliveryService';
import { createRouter } from '../src/http/router';
import { judgeAround } from '../src/judging/judge';
import { cdevent } from '../src/testing/cdevents';

const DEPLOYMENTS = Number(process.env.TEAMFLOW_BENCH_DEPLOYMENTS ?? 2_000_000);
const INCIDENTS = Number(process.env.TEAMFLOW_BENCH_INCIDENTS ?? 200_000);
const COMPONENTS = Number(process.env.TEAMFLOW_BENCH_COMPONENTS ?? 20_000);
const TEAMS = Number(process.env.TEAMFLOW_BENCH_TEAMS ?? 2_000);
const PG = !!process.env.TEAMFLOW_BENCH_DATABASE;
const CHANGES = Number(
  process.env.TEAMFLOW_BENCH_CHANGES ?? (PG ? 20_000_000 : 2_000_000),
);
const DAY = 86_400_000;
const NOW = Date.UTC(2026, 10, 21, 12);
const START = NOW - 365 * DAY;
let clock = NOW;
const STEP = Math.floor((365 * DAY) / (DEPLOYMENTS / COMPONENTS));

// Four lead-time profiles (hours) a day row can have, ten changes each.
const PROFILES = [
  [0.5, 1, 1.5, 2, 3, 4, 5, 6, 8, 12],
  [4, 6, 8, 12, 16, 20, 24, 30, 36, 48],
  [24, 30, 48, 60, 72, 96, 120, 150, 168, 200],
  [100, 150, 200, 300, 400, 500, 600, 700, 800, 1000],
];
const RECOVERY = [0.5, 2, 8, 30];

function profileColumns(alias: string) {
  const cols: string[] = [];
  for (let k = 0; k < HISTOGRAM_BUCKETS; k++) {
    const counts = PROFILES.map(p => p.filter(h => bucketOf(h) === k).length);
    cols.push(
      `case ${alias} % 4 ${counts
        .map((c, v) => `when ${v} then ${c}`)
        .join(' ')} end`,
    );
  }
  for (let k = 0; k < HISTOGRAM_BUCKETS; k++) {
    const counts = RECOVERY.map(h => (bucketOf(h) === k ? 1 : 0));
    cols.push(
      `case when ${alias} % 9 = 0 then (case ${alias} % 4 ${counts
        .map((c, v) => `when ${v} then ${c}`)
        .join(' ')} end) else 0 end`,
    );
  }
  return cols;
}

async function generate(knex: any, store: DeliveryStore) {
  const seq = (n: number, body: string) =>
    PG
      ? `${body.replace(
          /\bFROM_SEQ\b/,
          `from generate_series(0::bigint, ${n - 1}) as s(i)`,
        )}`
      : `with recursive s(i) as (select 0 union all select i + 1 from s where i < ${
          n - 1
        }) ${body.replace(/\bFROM_SEQ\b/, 'from s')}`;
  const div = (a: string, b: number) =>
    PG ? `(${a}) / ${b}` : `(${a}) / ${b}`;
  const at = `${START} + ${div(
    'i',
    COMPONENTS,
  )} * ${STEP} + (i * 7919) % 3600000`;
  const dayExpr = PG
    ? `to_char(to_timestamp((${at}) / 1000.0) at time zone 'UTC', 'YYYY-MM-DD')`
    : `strftime('%Y-%m-%d', (${at}) / 1000, 'unixepoch')`;
  const weekExpr = PG
    ? `to_char(date_trunc('week', to_timestamp((${at}) / 1000.0) at time zone 'UTC'), 'YYYY-MM-DD')`
    : `date((${at}) / 1000, 'unixepoch', 'weekday 0', '-6 days')`;
  const comp = `'component:default/c-' || (i % ${COMPONENTS})`;
  const team = `'group:default/team-' || ((i % ${COMPONENTS}) % ${TEAMS})`;
  const t0 = performance.now();
  await knex.raw(
    seq(
      DEPLOYMENTS,
      `insert into delivery_deployments (id, entity_ref, team_ref, environment, finished_at, status, rollback, source, received_at, failed, rework, recovery_hours, changes)
       select 'd-' || i, ${comp}, ${team}, 'production', ${at},
         case when i % 13 = 0 then 'failure' else 'success' end, ${
           PG ? 'false' : '0'
         }, 'bench', ${START},
         ${PG ? 'i % 9 = 0' : 'i % 9 = 0'}, ${PG ? 'i % 17 = 0' : 'i % 17 = 0'},
         case when i % 9 = 0 then 1.5 else null end, 10 FROM_SEQ`,
    ),
  );
  const deploymentsMs = performance.now() - t0;
  const perDeployment = Math.max(1, Math.round(CHANGES / DEPLOYMENTS));
  const t1 = performance.now();
  await knex.raw(
    seq(
      CHANGES,
      `insert into delivery_changes (id, entity_ref, team_ref, merged_at, first_commit_at, labels, source, received_at, shipped)
       select 'ch-' || i, 'component:default/c-' || ((i / ${perDeployment}) % ${COMPONENTS}),
         'group:default/team-' || (((i / ${perDeployment}) % ${COMPONENTS}) % ${TEAMS}),
         ${START} + ${div(
        `i / ${perDeployment}`,
        COMPONENTS,
      )} * ${STEP} - 3600000 * (1 + i % 48),
         ${START} + ${div(
        `i / ${perDeployment}`,
        COMPONENTS,
      )} * ${STEP} - 3600000 * (10 + i % 200),
         null, 'bench', ${START}, ${PG ? 'true' : '1'} FROM_SEQ`,
    ),
  );
  const changesMs = performance.now() - t1;
  await knex.raw(
    seq(
      INCIDENTS,
      `insert into delivery_incidents (id, entity_ref, team_ref, environment, started_at, resolved_at, source, received_at)
       select 'i-' || i, 'component:default/c-' || ((i * 10) % ${COMPONENTS}),
         'group:default/team-' || (((i * 10) % ${COMPONENTS}) % ${TEAMS}), 'production',
         ${START} + (i * 157) % ${365 * DAY}, ${START} + (i * 157) % ${
        365 * DAY
      } + 7200000,
         'bench', ${START} FROM_SEQ`,
    ),
  );
  const t2 = performance.now();
  const leadJson = PROFILES.map(p => `'${JSON.stringify(p)}'`);
  const recJson = RECOVERY.map(h => `'[${h}]'`);
  const hist = profileColumns('i');
  const cols = [
    ...Array.from({ length: HISTOGRAM_BUCKETS }, (_, k) => `l${k}`),
    ...Array.from({ length: HISTOGRAM_BUCKETS }, (_, k) => `r${k}`),
  ];
  await knex.raw(
    seq(
      DEPLOYMENTS,
      `insert into delivery_entity_daily (entity_ref, team_ref, environment, day, week, deployments, successful, failed, rework, with_changes, incidents, unlinked_incidents, ${cols.join(
        ', ',
      )}, lead_times, recovery_times)
       select ${comp}, ${team}, 'production', ${dayExpr}, ${weekExpr}, 1,
         case when i % 13 = 0 then 0 else 1 end, case when i % 9 = 0 then 1 else 0 end,
         case when i % 17 = 0 then 1 else 0 end, 1, case when i % 10 = 0 then 1 else 0 end, 0,
         ${hist.join(', ')},
         case i % 4 ${leadJson
           .map((j, v) => `when ${v} then ${j}`)
           .join(' ')} end,
         case when i % 9 = 0 then (case i % 4 ${recJson
           .map((j, v) => `when ${v} then ${j}`)
           .join(' ')} end) else '[]' end
       FROM_SEQ`,
    ),
  );
  await knex.raw(
    `insert into delivery_team_daily (team_ref, environment, day, week, deployments, successful, failed, rework, with_changes, incidents, unlinked_incidents, ${cols.join(
      ', ',
    )})
     select team_ref, environment, day, week, sum(deployments), sum(successful), sum(failed), sum(rework), sum(with_changes), sum(incidents), sum(unlinked_incidents), ${cols
       .map(c => `sum(${c})`)
       .join(', ')}
     from delivery_entity_daily group by team_ref, environment, day, week`,
  );
  await store.judgements.rebuildTeamWeeks(
    knex,
    undefined,
    '0000-00-00',
    '9999-99-99',
  );
  if (PG) await knex.raw('analyze');
  return {
    deploymentsMs: Math.round(deploymentsMs),
    changesMs: Math.round(changesMs),
    rollupsMs: Math.round(performance.now() - t2),
  };
}

function catalogEntities(): Entity[] {
  const out: Entity[] = [];
  for (let t = 0; t < TEAMS; t++)
    out.push({
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Group',
      metadata: { name: `team-${t}`, namespace: 'default' },
      spec: { type: 'team', children: [] },
      relations: [],
    });
  for (let c = 0; c < COMPONENTS; c++)
    out.push({
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Component',
      metadata: { name: `c-${c}`, namespace: 'default' },
      spec: {
        type: 'service',
        lifecycle: 'production',
        owner: `team-${c % TEAMS}`,
      },
      relations: [
        { type: 'ownedBy', targetRef: `group:default/team-${c % TEAMS}` },
      ],
    });
  return out;
}

/**
 * The catalog as the service sees it, indexed by ref: in a portal these are
 * calls to the catalog backend, whose cost is the catalog's; the test
 * catalog's linear scans over 22,000 entities (10–20 ms a call) would
 * otherwise dominate what this measures.
 */
function indexedCatalog(entities: Entity[]): any {
  const byRef = new Map(entities.map(e => [stringifyEntityRef(e), e]));
  const groups = entities.filter(e => e.kind === 'Group');
  return {
    getEntityByRef: async (ref: string) => byRef.get(ref),
    getEntitiesByRefs: async (req: { entityRefs: string[] }) => ({
      items: req.entityRefs.map(r => byRef.get(r)),
    }),
    getEntities: async (req: { filter: any }) => {
      if (req.filter?.kind === 'group') return { items: groups };
      // The organisation model: groups and the owned kinds.
      if (
        Array.isArray(req.filter) &&
        req.filter.some((f: any) => f.kind === 'group')
      )
        return { items: entities };
      throw new Error(`bench catalog: unexpected query ${JSON.stringify(req)}`);
    },
  };
}

async function main() {
  // TEAMFLOW_BENCH_KEEP=1 (PostgreSQL): reuse the history a previous run
  // generated in the same database; that run's live events are removed and
  // the warm-up judges the touched components again.
  const keep = PG && !!process.env.TEAMFLOW_BENCH_KEEP;
  const db = await openBenchDatabase(
    'delivery',
    keep
      ? []
      : [
          'delivery_team_generations',
          'delivery_judge_queue',
          'delivery_listed_changes',
          'delivery_ownership',
          'delivery_team_weekly',
          'delivery_source_state',
          'delivery_team_daily',
          'delivery_entity_daily',
          'delivery_incidents',
          'delivery_change_deployments',
          'delivery_changes',
          'delivery_deployments',
        ],
  );
  const store = await DeliveryStore.create({
    database: mockServices.database({ knex: db.knex }),
  });
  const [{ n: existing }] = await db.knex('delivery_deployments').count({
    n: '*',
  });
  let generated: object = { reused: true };
  if (keep && Number(existing) > 0) {
    await db.knex('delivery_judge_queue').delete();
    await db
      .knex('delivery_change_deployments')
      .whereLike('change_id', 'live-%')
      .delete();
    for (const table of [
      'delivery_deployments',
      'delivery_changes',
      'delivery_incidents',
    ])
      await db.knex(table).whereLike('id', 'live-%').delete();
  } else generated = await generate(db.knex, store);
  // TEAMFLOW_BENCH_PROFILE=1: total time per store call (stderr, at the end).
  const profile = new Map<string, number>();
  const timed = process.env.TEAMFLOW_BENCH_PROFILE
    ? (new Proxy(store, {
        get(target, prop) {
          const value = (target as any)[prop];
          if (typeof value !== 'function') return value;
          return async (...args: unknown[]) => {
            const start = performance.now();
            const out = await value.apply(target, args);
            const key = String(prop);
            profile.set(
              key,
              (profile.get(key) ?? 0) + performance.now() - start,
            );
            return out;
          };
        },
      }) as typeof store)
    : store;
  const serviceOptions: Parameters<typeof DeliveryService.create>[0] = {
    store: timed,
    catalog: indexedCatalog(catalogEntities()),
    auth: mockServices.auth(),
    permissions: mockServices.permissions(),
    logger: mockServices.rootLogger({ level: 'error' }),
    definitions: {
      environment: 'production',
      leadTimeStart: 'first-commit',
      failureWindowHours: 24,
      minimumSample: 5,
    },
    // Moved only by the new-day measure, last of all.
    now: () => clock,
  };
  const delivery = DeliveryService.create(serviceOptions);
  // The same ledger answered by a backend that keeps nothing between
  // organisation answers (delivery.organisationCache: false).
  const keepsNothing = DeliveryService.create({
    ...serviceOptions,
    organisationCache: false,
  });
  const serve = async (service: DeliveryService) => {
    const app = express();
    app.use(
      await createRouter({
        httpAuth: mockServices.httpAuth({
          defaultCredentials: mockCredentials.service(),
        }),
        delivery: service,
        now: () => clock,
      }),
    );
    const listening = http.createServer(app);
    await new Promise<void>(resolve => listening.listen(0, resolve));
    return {
      server: listening,
      base: `http://localhost:${(listening.address() as AddressInfo).port}/`,
    };
  };
  const { server, base } = await serve(delivery);
  const uncached = await serve(keepsNothing);

  // Ingest: batches of 1,000 CDEvents, 100 components each (1 deployment,
  // 8 merged changes, 1 incident per component), in the last hours.
  const batchTimes: number[] = [];
  const READS_ONLY = !!process.env.TEAMFLOW_BENCH_READS_ONLY;
  const BATCHES = READS_ONLY
    ? 0
    : Number(process.env.TEAMFLOW_BENCH_BATCHES ?? 30);
  const componentOf = (b: number, k: number) =>
    ((b * 100 + k) * 7) % COMPONENTS;
  // The generated history carries verdicts but no change → deployment links:
  // judge the last 30 days of the components the batches touch first
  // (untimed), so the batches meet a ledger in its steady state, as live
  // events do. TEAMFLOW_BENCH_COLD=1 skips this (first events after a bulk
  // import of unjudged history).
  const warmStart = performance.now();
  if (!process.env.TEAMFLOW_BENCH_COLD && !READS_ONLY) {
    const refs = [
      ...new Set(
        Array.from(
          { length: BATCHES * 100 },
          (_, n) =>
            `component:default/c-${componentOf(Math.floor(n / 100), n % 100)}`,
        ),
      ),
    ];
    for (let i = 0; i < refs.length; i += 100)
      await judgeAround({
        store,
        definitions: delivery.definitions,
        horizonDays: 30,
        entityRefs: refs.slice(i, i + 100),
        from: NOW - 3_600_000,
        to: NOW,
        allDays: true,
      });
  }
  const warmUpMs = Math.round(performance.now() - warmStart);
  profile.clear();
  // TEAMFLOW_BENCH_CPUPROF=file: a V8 CPU profile of the ingest phase.
  let stopCpuProfile = READS_ONLY ? async () => {} : await startCpuProfile();
  if (process.env.TEAMFLOW_BENCH_PG_STATEMENTS)
    await db.knex.raw('select pg_stat_statements_reset()');
  // TEAMFLOW_BENCH_SEPARATE=1: judge only after every batch is stored (the
  // two stages measured apart, as with judging on another instance).
  const separate = !!process.env.TEAMFLOW_BENCH_SEPARATE;
  const kick = delivery.kick.bind(delivery);
  if (separate) delivery.kick = () => {};
  const ingestStart = performance.now();
  let ingested = 0;
  for (let b = 0; b < BATCHES; b++) {
    const events: object[] = [];
    for (let k = 0; k < 100; k++) {
      const c = componentOf(b, k);
      const iso = (hoursAgo: number) =>
        new Date(NOW - hoursAgo * 3_600_000 - b * 60_000).toISOString();
      const changeIds: string[] = [];
      for (let j = 0; j < 8; j++) {
        const id = `live-${b}-${k}-${j}`;
        changeIds.push(id);
        events.push(
          cdevent(
            'change.merged.0.2.0',
            id,
            iso(3 + j),
            { id, content: {} },
            {
              entityRef: `component:default/c-${c}`,
              firstCommitAt: iso(20 + j),
            },
          ),
        );
      }
      events.push(
        cdevent(
          'service.deployed.0.2.0',
          `live-${b}-${k}`,
          iso(2),
          { id: `c-${c}`, content: { environment: { id: 'production' } } },
          { changeIds },
        ),
      );
      events.push(
        cdevent('incident.detected.0.2.0', `live-i-${b}-${k}`, iso(1), {
          id: `live-i-${b}-${k}`,
          content: { service: { id: `c-${c}` } },
        }),
      );
    }
    const start = performance.now();
    const res = await fetch(`${base}events`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/cloudevents-batch+json' },
      body: JSON.stringify(events),
    });
    const body = await res.json();
    batchTimes.push(performance.now() - start);
    if (res.status !== 200) throw new Error(JSON.stringify(body).slice(0, 500));
    ingested += body.accepted;
  }
  const totalMs = batchTimes.reduce((s, x) => s + x, 0);
  // Judging runs behind the requests: wait until it has caught up.
  const judgeStart = performance.now();
  if (separate) {
    delivery.kick = kick;
    delivery.kick();
  }
  await delivery.settled();
  const judgeOnlyMs = performance.now() - judgeStart;
  const judgedMs = performance.now() - ingestStart;
  await stopCpuProfile();
  for (const [k, v] of profile)
    process.stderr.write(`${k}: ${Math.round(v)} ms over ${BATCHES} batches\n`);

  if (process.env.TEAMFLOW_BENCH_PG_STATEMENTS) {
    const top = await db.knex.raw(
      "select round(total_exec_time) as ms, calls, left(regexp_replace(query, '\\s+', ' ', 'g'), 160) as q from pg_stat_statements order by total_exec_time desc limit 25",
    );
    for (const r of top.rows)
      process.stderr.write(`${r.ms} ms ${r.calls}x ${r.q}\n`);
  }
  const window = 'from=2026-08-23&to=2026-11-22';
  const result = {
    benchmark: 'delivery-flow',
    database: db.engine,
    deployments: DEPLOYMENTS,
    changes: CHANGES,
    incidents: INCIDENTS,
    components: COMPONENTS,
    teams: TEAMS,
    generated,
    ingest: {
      ledger: process.env.TEAMFLOW_BENCH_COLD ? 'cold' : 'judged',
      warmUpMs,
      events: ingested,
      batch: sampleStats(batchTimes),
      // accepted and stored (queued for judging) per second of requests
      eventsPerSecond: Math.round((ingested / totalMs) * 1000),
      // from the first request until every event is judged and rolled up
      judgedWithinMs: Math.round(judgedMs),
      judgedPerSecond: Math.round((ingested / judgedMs) * 1000),
      ...(separate
        ? {
            judgingAloneMs: Math.round(judgeOnlyMs),
            judgedAlonePerSecond: Math.round((ingested / judgeOnlyMs) * 1000),
          }
        : {}),
    },
    ...(process.env.TEAMFLOW_BENCH_INGEST_ONLY ? {} : await reads()),
    ...(PG && !process.env.TEAMFLOW_BENCH_INGEST_ONLY && !READS_ONLY
      ? { rawSql: await rawSqlReads() }
      : {}),
    peakRssMiB: Math.round(process.resourceUsage().maxRSS / 1024),
    cpus: os.cpus().length,
  };
  /*
   * The same questions the way DevLake's DORA dashboards answer them: SQL
   * over the event tables at query time (its panels are Grafana queries over
   * the domain tables), here over the judged deployments and change links:
   * counts, deploy days and percentiles for the window, and per week, in
   * four queries run side by side. PostgreSQL only (percentile_cont).
   */
  async function rawSqlReads() {
    const from = Date.parse('2026-08-23T00:00:00Z');
    const to = Date.parse('2026-11-22T00:00:00Z');
    const week = "date_trunc('week', to_timestamp(d.finished_at / 1000))";
    const answer = async (column: 'entity_ref' | 'team_ref', ref?: string) => {
      const by = ref ? '' : `d.${column},`;
      const where = `d.environment = 'production' and d.finished_at >= ${from} and d.finished_at < ${to}${
        ref ? ` and d.${column} = ?` : ''
      }`;
      const bind = ref ? [ref] : [];
      const deployments = `count(*) filter (where d.status = 'success') as successful, count(*) as deployments, count(*) filter (where d.failed) as failed, count(*) filter (where d.rework) as rework`;
      const group = (extra: string) =>
        by || extra ? `group by ${by}${extra}`.replace(/,$/, '') : '';
      const start = performance.now();
      await Promise.all([
        db.knex.raw(
          `select ${by} ${deployments}, count(distinct floor(d.finished_at / 86400000)) filter (where d.status = 'success') as deploy_days, percentile_cont(array[0.5, 0.75, 0.9]) within group (order by d.recovery_hours) as recovery from delivery_deployments d where ${where} ${group(
            '',
          )}`,
          bind,
        ),
        db.knex.raw(
          `select ${by} ${week} as week, ${deployments}, percentile_cont(0.5) within group (order by d.recovery_hours) as recovery from delivery_deployments d where ${where} ${group(
            'week',
          )}`,
          bind,
        ),
        db.knex.raw(
          `select ${by} percentile_cont(array[0.5, 0.75, 0.9]) within group (order by cd.lead_time_hours) as lead from delivery_change_deployments cd join delivery_deployments d on d.id = cd.deployment_id where ${where} ${group(
            '',
          )}`,
          bind,
        ),
        db.knex.raw(
          `select ${by} ${week} as week, percentile_cont(0.5) within group (order by cd.lead_time_hours) as lead from delivery_change_deployments cd join delivery_deployments d on d.id = cd.deployment_id where ${where} ${group(
            'week',
          )}`,
          bind,
        ),
      ]);
      return performance.now() - start;
    };
    const measure = async (runs: Array<() => Promise<number>>) => {
      await runs[0]();
      const samples: number[] = [];
      for (const run of runs) samples.push(await run());
      return sampleStats(samples);
    };
    return {
      component90d: await measure(
        Array.from(
          { length: 30 },
          (_, i) => () =>
            answer(
              'entity_ref',
              `component:default/c-${(i * 193) % COMPONENTS}`,
            ),
        ),
      ),
      team90d: await measure(
        Array.from(
          { length: 30 },
          (_, i) => () =>
            answer('team_ref', `group:default/team-${(i * 97) % TEAMS}`),
        ),
      ),
      orgByTeam90d: await measure(
        Array.from({ length: 3 }, () => () => answer('team_ref')),
      ),
    };
  }

  // The summaries (skipped with TEAMFLOW_BENCH_INGEST_ONLY=1).
  async function reads() {
    if (READS_ONLY) stopCpuProfile = await startCpuProfile();
    const out = {
      component90d: await measureRequests(
        base,
        Array.from(
          { length: 100 },
          (_, i) =>
            `metrics?entityRef=component:default/c-${
              (i * 193) % COMPONENTS
            }&${window}`,
        ),
      ),
      team90d: await measureRequests(
        base,
        Array.from(
          { length: 60 },
          (_, i) =>
            `metrics?teamRef=group:default/team-${(i * 97) % TEAMS}&${window}`,
        ),
      ),
      // Asked again with nothing judged in between: every team's numbers
      // are kept (the first, warm-up request reads them all).
      orgByTeam90d: await measureRequests(
        base,
        Array.from({ length: 15 }, () => `metrics/org?${window}`),
        3,
        { clientThread: true },
      ),
      // Each time after 10 deployments of 10 teams were judged: those teams
      // are read again, by week. Teams read by week before move the
      // organisation's weeks by their difference; others have them read
      // again whole. Beside each, the same moment answered by reading every
      // team (alternated, which first).
      orgAfterJudgingOtherTeams: await afterJudging(16, false),
      orgAfterJudgingSameTeams: await afterJudging(16, true),
      // Every team read on every answer (as before answers were kept).
      orgByTeam90dReadWhole: await measureRequests(
        uncached.base,
        Array.from({ length: 15 }, () => `metrics/org?${window}`),
        3,
        { clientThread: true },
      ),
      // Without the teams' weekly trends (a table of numbers, as the tech
      // debt page asks).
      orgByTeam90dNoTrends: await measureRequests(
        base,
        Array.from(
          { length: 15 },
          () => `metrics/org?${window}&teamTrends=false`,
        ),
        3,
        { clientThread: true },
      ),
    };
    // Last: the clock moved, a day at a time. With `node --expose-gc`, the
    // heap kept before and after (up to six windows, four read by week).
    const heap = () => {
      (global as any).gc?.();
      return Math.round(process.memoryUsage().heapUsed / 1048576);
    };
    const heapBeforeNewDayMiB = heap();
    const orgNewDay = await newDay(12);
    if ((global as any).gc)
      Object.assign(orgNewDay, {
        heapUsedMiB: { before: heapBeforeNewDayMiB, after: heap() },
      });
    if (READS_ONLY) await stopCpuProfile();
    return { ...out, ...orgNewDay };
  }

  /**
   * The first answer of a day's 90 days up to today (a new window each
   * day, as the organisation page asks it): summed ahead by `readAhead`
   * (what each replica runs every minute), against the same window read
   * whole by the backend that keeps nothing (what a first reader waits for
   * without reading ahead). The clock starts 13 days before the history's
   * end and moves a day at a time, so that every window is 90 days of full
   * history.
   */
  async function newDay(days: number) {
    const firstAnswer: number[] = [];
    const whole: number[] = [];
    const ahead: number[] = [];
    const iso = (ms: number) => new Date(ms).toISOString().slice(0, 10);
    const upToToday = (length = 90) => {
      const to = Math.floor(clock / DAY) * DAY + DAY;
      return `from=${iso(to - length * DAY)}&to=${iso(to)}`;
    };
    // 30 days ending a week before today, asked by nobody before: a window
    // not read ahead, whose whole weeks are among today's 90 days'.
    const pastMonth = () => {
      const to = Math.floor(clock / DAY) * DAY - 6 * DAY;
      return `from=${iso(to - 30 * DAY)}&to=${iso(to)}`;
    };
    // 180 days ending a week before today: a past half-year, whose whole
    // weeks are today's 180 days' but for the first.
    const pastHalf = () => {
      const to = Math.floor(clock / DAY) * DAY - 6 * DAY;
      return `from=${iso(to - 180 * DAY)}&to=${iso(to)}`;
    };
    // The last whole weeks before this one (6 to 12 of them, so that each
    // day's is asked by nobody before): whole weeks only, all among today's
    // 90 days'.
    const lastWeeks = (d: number) => {
      const today = Math.floor(clock / DAY) * DAY;
      const monday = today - ((new Date(today).getUTCDay() + 6) % 7) * DAY;
      const count = 6 + ((d - 1) % 7);
      return `from=${iso(monday - count * 7 * DAY)}&to=${iso(monday)}`;
    };
    const once = async (at: string, query = upToToday()) => {
      const start = performance.now();
      const answer = await fetch(`${at}metrics/org?${query}`);
      await answer.arrayBuffer();
      if (answer.status !== 200) throw new Error(`${answer.status}`);
      return Math.round((performance.now() - start) * 10) / 10;
    };
    // Asked once the day before, as a reader of the page would.
    clock = NOW - (days + 1) * DAY;
    await once(base);
    const judged: number[] = [];
    const judgedWhole: number[] = [];
    const past: number[] = [];
    const pastWhole: number[] = [];
    const weeks: number[] = [];
    const weeksWhole: number[] = [];
    const pastHalfs: number[] = [];
    const pastHalfWhole: number[] = [];
    const half: number[] = [];
    const halfWhole: number[] = [];
    for (let d = 1; d <= days; d++) {
      clock = NOW - (days + 1 - d) * DAY;
      const start = performance.now();
      await delivery.readAhead();
      ahead.push(Math.round(performance.now() - start));
      if (d % 2) whole.push(await once(uncached.base));
      firstAnswer.push(await once(base));
      if (!(d % 2)) whole.push(await once(uncached.base));
      // The page's longest choice, 180 days up to today.
      if (d % 2) halfWhole.push(await once(uncached.base, upToToday(180)));
      half.push(await once(base, upToToday(180)));
      if (!(d % 2)) halfWhole.push(await once(uncached.base, upToToday(180)));
      if (d % 2) pastWhole.push(await once(uncached.base, pastMonth()));
      past.push(await once(base, pastMonth()));
      if (!(d % 2)) pastWhole.push(await once(uncached.base, pastMonth()));
      if (d % 2) weeksWhole.push(await once(uncached.base, lastWeeks(d)));
      weeks.push(await once(base, lastWeeks(d)));
      if (!(d % 2)) weeksWhole.push(await once(uncached.base, lastWeeks(d)));
      if (d % 2) pastHalfWhole.push(await once(uncached.base, pastHalf()));
      pastHalfs.push(await once(base, pastHalf()));
      if (!(d % 2)) pastHalfWhole.push(await once(uncached.base, pastHalf()));
      // The day's first judgements: 10 deployments of 10 teams, that day.
      const finished = new Date(clock - 7_200_000).toISOString();
      const events = Array.from({ length: 10 }, (_, k) =>
        cdevent('service.deployed.0.2.0', `live-n-${d}-${k}`, finished, {
          id: `c-${((d * 10 + k) * 53) % COMPONENTS}`,
          content: { environment: { id: 'production' } },
        }),
      );
      const res = await fetch(`${base}events`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/cloudevents-batch+json' },
        body: JSON.stringify(events),
      });
      if (res.status !== 200) throw new Error(await res.text());
      await delivery.settled();
      if (d % 2) judgedWhole.push(await once(uncached.base));
      judged.push(await once(base));
      if (!(d % 2)) judgedWhole.push(await once(uncached.base));
    }
    clock = NOW;
    return {
      orgNewDayFirstAnswer: {
        readAhead: sampleStats(firstAnswer),
        readWhole: sampleStats(whole),
      },
      // 180 days up to today, the day's first answer: read ahead (the
      // backend expects it from start-up), or every team read.
      org180DaysFirstAnswer: {
        readAhead: sampleStats(half),
        readWhole: sampleStats(halfWhole),
      },
      // Asked after them (before the next minute's run).
      orgNewDayAfterJudging: {
        readAhead: sampleStats(judged),
        readWhole: sampleStats(judgedWhole),
      },
      // The first answer of a window not read ahead: composed from the
      // day's 90 days (its edge days read), or every team read.
      orgPastMonthFirstAnswer: {
        composed: sampleStats(past),
        readWhole: sampleStats(pastWhole),
      },
      orgLast12WeeksFirstAnswer: {
        composed: sampleStats(weeks),
        readWhole: sampleStats(weeksWhole),
      },
      // 180 days ending a week ago: composed from today's 180 days (the
      // week before them read with the edge days), or every team read.
      orgPastHalfYearFirstAnswer: {
        composed: sampleStats(pastHalfs),
        readWhole: sampleStats(pastHalfWhole),
      },
      // The windows asked up to today (180 days with trends, 90 and 91 days
      // with and without) summed ahead and read by week, each day: the
      // longest summed whole on the first day, else composed from the day
      // before's (on Sundays with the week that became whole read); the
      // others composed from it.
      orgNewDayReadAheadMs: sampleStats(ahead),
      orgNewDayReadAheadMsByDay: ahead.map(
        (ms, i) =>
          `${new Date(NOW - (days - i) * DAY)
            .toISOString()
            .slice(0, 10)} ${ms}`,
      ),
    };
  }

  async function afterJudging(times: number, sameTeams: boolean) {
    const kept: number[] = [];
    const whole: number[] = [];
    // Components of team c % TEAMS: ten new teams each time, or the same ten.
    const componentAt = (i: number, k: number) =>
      sameTeams
        ? ((k * 37) % TEAMS) + TEAMS * (i % (COMPONENTS / TEAMS))
        : ((i * 10 + k) * 37) % COMPONENTS;
    for (let i = 0; i < times; i++) {
      const events = Array.from({ length: 10 }, (_, k) =>
        cdevent(
          'service.deployed.0.2.0',
          `live-r-${sameTeams ? 's' : 'o'}-${i}-${k}`,
          new Date(NOW - 7_200_000 - i * 60_000).toISOString(),
          {
            id: `c-${componentAt(i, k)}`,
            content: { environment: { id: 'production' } },
          },
        ),
      );
      const res = await fetch(`${base}events`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/cloudevents-batch+json' },
        body: JSON.stringify(events),
      });
      if (res.status !== 200) throw new Error(await res.text());
      await delivery.settled();
      // One request each, timed here (a client thread per request would
      // time its own start); the body read, not parsed.
      const once = async (at: string) => {
        const start = performance.now();
        const answer = await fetch(`${at}metrics/org?${window}`);
        await answer.arrayBuffer();
        if (answer.status !== 200) throw new Error(`${answer.status}`);
        return Math.round((performance.now() - start) * 10) / 10;
      };
      if (i % 2) whole.push(await once(uncached.base));
      kept.push(await once(base));
      if (!(i % 2)) whole.push(await once(uncached.base));
    }
    return { kept: sampleStats(kept), readWhole: sampleStats(whole) };
  }
  server.close();
  uncached.server.close();
  await db.close();
  process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
}

main().catch(error => {
  process.stderr.write(`${error.stack}\n`);
  process.exit(1);
});

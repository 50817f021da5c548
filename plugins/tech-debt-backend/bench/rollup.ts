/*
 * Benchmark: technical-debt roll-ups over real HTTP at organisation scale — 200,000 items on
 * 20,000 entities owned by 2,000 teams, with 26 weekly snapshots — the org roll-up (by team and
 * category, top items, quick wins, trend, resolution per quarter) and one team's roll-up.
 *
 *   yarn workspace @teamflow/plugin-tech-debt-backend bench
 *   TEAMFLOW_BENCH_DATABASE=postgresql://… (default: a SQLite file in the OS temp directory)
 *   TEAMFLOW_BENCH_ITEMS=200000 TEAMFLOW_BENCH_ENTITIES=20000 TEAMFLOW_BENCH_TEAMS=2000
 *
 * Real parts: the plugin's store (migrations, SQLite or PostgreSQL), DebtService and router.
 * The catalog is not asked: roll-ups read the store only when the caller may read everything.
 */
import os from 'node:os';
import http from 'node:http';
import { AddressInfo } from 'node:net';
import express from 'express';
import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { measureRequests, openBenchDatabase } from '@teamflow/org-generator';
import {
  DEBT_CATEGORIES,
  DEBT_STATUSES,
  EFFORT_DAYS,
  debtScore,
} from '@teamflow/plugin-tech-debt-common';
import { DatabaseDebtStore } from '../src/database/DatabaseDebtStore';
import { DebtService } from '../src/service/DebtService';
import { createRouter } from '../src/router';

const ITEMS = Number(process.env.TEAMFLOW_BENCH_ITEMS ?? 200_000);
const ENTITIES = Number(process.env.TEAMFLOW_BENCH_ENTITIES ?? 20_000);
const TEAMS = Number(process.env.TEAMFLOW_BENCH_TEAMS ?? 2_000);
const DAY = 86_400_000;

async function main() {
  const db = await openBenchDatabase('tech-debt', [
    'debt_snapshots',
    'debt_signals',
    'debt_item_history',
    'debt_items',
  ]);
  const knex = db.knex;
  const store = await DatabaseDebtStore.create({
    database: mockServices.database({ knex }),
  });

  const now = Date.UTC(2026, 10, 21);
  const efforts = Object.keys(EFFORT_DAYS) as Array<keyof typeof EFFORT_DAYS>;
  const seedStart = performance.now();
  let batch: any[] = [];
  for (let i = 0; i < ITEMS; i++) {
    const entity = (i * 7919) % ENTITIES;
    const team = entity % TEAMS;
    const item = {
      impact: 1 + (i % 5),
      interestHoursPerMonth: (i * 13) % 30,
      effort: efforts[(i * 3) % efforts.length],
    };
    const created = now - ((i * 37) % 700) * DAY;
    const status = DEBT_STATUSES[(i * 11) % DEBT_STATUSES.length];
    batch.push({
      id: `item-${i}`,
      entity_ref: `component:default/component-${entity}`,
      team_ref: `group:default/team-${team}`,
      title: `Debt ${i}`,
      description: null,
      category: DEBT_CATEGORIES[(i * 7) % DEBT_CATEGORIES.length],
      impact: item.impact,
      effort: item.effort,
      interest_hours_per_month: item.interestHoursPerMonth,
      status,
      score: debtScore(item),
      links: '[]',
      author: 'user:default/bench',
      version: 1,
      signal_id: null,
      created_at: new Date(created).toISOString(),
      updated_at: new Date(created).toISOString(),
      resolved_at:
        status === 'resolved'
          ? new Date(created + 30 * DAY).toISOString()
          : null,
      open: status !== 'resolved',
      created_month: new Date(created).toISOString().slice(0, 7),
      resolved_month:
        status === 'resolved'
          ? new Date(created + 30 * DAY).toISOString().slice(0, 7)
          : null,
    });
    if (batch.length === 1000) {
      await knex.batchInsert('debt_items', batch, 200);
      batch = [];
    }
  }
  if (batch.length) await knex.batchInsert('debt_items', batch, 200);
  // 26 weekly snapshots: every team and category, and the organisation's rows.
  for (let w = 26; w >= 0; w--) {
    const takenOn = new Date(now - w * 7 * DAY).toISOString().slice(0, 10);
    const rows = [];
    for (let t = 0; t < TEAMS; t++) {
      for (const c of DEBT_CATEGORIES) {
        rows.push({
          takenOn,
          teamRef: `group:default/team-${t}`,
          category: c,
          openItems: 10 + ((t + w) % 7),
          openScore: 200 + w,
        });
      }
    }
    for (const c of DEBT_CATEGORIES) {
      rows.push({
        takenOn,
        teamRef: '*',
        category: c,
        openItems: 20000,
        openScore: 400000 + w,
      });
    }
    await store.saveSnapshot(takenOn, rows);
  }
  const seedMs = performance.now() - seedStart;

  // TEAMFLOW_BENCH_PROFILE=1: time every store call (stderr).
  const timed = process.env.TEAMFLOW_BENCH_PROFILE
    ? (new Proxy(store, {
        get(target, prop) {
          const value = (target as any)[prop];
          if (typeof value !== 'function') return value;
          return async (...args: unknown[]) => {
            const start = performance.now();
            const out = await value.apply(target, args);
            process.stderr.write(
              `${String(prop)} ${Math.round(performance.now() - start)} ms\n`,
            );
            return out;
          };
        },
      }) as typeof store)
    : store;
  const debt = DebtService.create({
    store: timed,
    catalog: {} as any,
    auth: mockServices.auth(),
    userInfo: mockServices.userInfo(),
    permissions: mockServices.permissions(),
    logger: mockServices.rootLogger({ level: 'error' }),
    now: () => new Date(now),
  });
  const app = express();
  app.use(
    await createRouter({
      httpAuth: mockServices.httpAuth({
        defaultCredentials: mockCredentials.user(),
      }),
      debt,
    }),
  );
  const server = http.createServer(app);
  await new Promise<void>(resolve => server.listen(0, resolve));
  const base = `http://localhost:${(server.address() as AddressInfo).port}/`;
  const measure = (paths: string[]) => measureRequests(base, paths);
  const result = {
    benchmark: 'tech-debt-rollups',
    database: db.engine,
    items: ITEMS,
    entities: ENTITIES,
    teams: TEAMS,
    seedMs: Math.round(seedMs),
    orgRollup: await measure(Array.from({ length: 30 }, () => 'rollup/org')),
    teamRollup: await measure(
      Array.from(
        { length: 100 },
        (_, i) => `rollup/teams/default/team-${(i * 97) % TEAMS}`,
      ),
    ),
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

import fs from 'node:fs';
import inspector from 'node:inspector';
import os from 'node:os';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import knexFactory from 'knex';

/**
 * Median and p95 of benchmark samples (nearest rank), rounded to 0.1, with n.
 * Shared by the Teamflow benchmarks so they all report the same way.
 *
 * @public
 */
export function sampleStats(samples: number[]) {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) =>
    sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
  return {
    n: samples.length,
    median: Math.round(at(0.5) * 10) / 10,
    p95: Math.round(at(0.95) * 10) / 10,
  };
}

/**
 * The client of {@link measureRequests}: the samples and the largest body.
 * Self-contained (no imports, nothing from around it): a worker thread runs
 * it from its source text.
 */
async function timeRequests(base: string, paths: string[], warmUp: number) {
  const run = async (p: string) => {
    const start = performance.now();
    const res = await fetch(`${base}${p}`);
    const body = await res.arrayBuffer();
    if (!res.ok) {
      throw new Error(`${p}: ${res.status} ${Buffer.from(body).toString()}`);
    }
    return [performance.now() - start, body.byteLength] as const;
  };
  for (const p of paths.slice(0, warmUp)) await run(p);
  const samples: number[] = [];
  let maxBytes = 0;
  for (const p of paths) {
    const [ms, size] = await run(p);
    samples.push(ms);
    maxBytes = Math.max(maxBytes, size);
  }
  return { samples, maxBytes };
}

/**
 * Times GET requests to `base + path` after `warmUp` untimed ones: median and
 * p95 of the wall time including reading the body, and the largest body.
 * With `clientThread`, the requests are sent and read from a worker thread,
 * as a browser would from elsewhere: reading a large answer then does not
 * take turns with the server's own work on one event loop and one heap.
 *
 * @public
 */
export async function measureRequests(
  base: string,
  paths: string[],
  warmUp = 3,
  options: { clientThread?: boolean } = {},
) {
  const { samples, maxBytes } = options.clientThread
    ? await new Promise<{ samples: number[]; maxBytes: number }>(
        (resolve, reject) => {
          const worker = new Worker(
            `const { parentPort, workerData: w } = require('node:worker_threads');
             (${timeRequests.toString()})(w.base, w.paths, w.warmUp).then(
               r => parentPort.postMessage(r),
               e => parentPort.postMessage({ error: String(e) }),
             );`,
            { eval: true, workerData: { base, paths, warmUp } },
          );
          worker.once('message', m =>
            m.error ? reject(new Error(m.error)) : resolve(m),
          );
          worker.once('error', reject);
        },
      )
    : await timeRequests(base, paths, warmUp);
  return { ...sampleStats(samples), maxBytes };
}

/**
 * A benchmark's own database on the PostgreSQL server of `connection`
 * (`teamflow_bench_<name>`, created when missing): each benchmark drops and
 * migrates its tables and knex's migration table, so on one shared database
 * the next benchmark's migrations broke a history kept for reuse
 * (`TEAMFLOW_BENCH_KEEP`).
 */
async function ownDatabase(connection: string, name: string) {
  const url = new URL(connection);
  const database = `teamflow_bench_${name.replace(/[^a-z0-9]+/gi, '_')}`;
  const admin = knexFactory({ client: 'pg', connection });
  try {
    const found = await admin.raw(
      'select 1 from pg_database where datname = ?',
      [database],
    );
    if (!found.rows.length) await admin.raw(`create database "${database}"`);
  } finally {
    await admin.destroy();
  }
  url.pathname = `/${database}`;
  return url.toString();
}

/**
 * The database a store benchmark runs on: on the PostgreSQL server of
 * `TEAMFLOW_BENCH_DATABASE`, a database of its own (`teamflow_bench_<name>`,
 * created when missing; its `tables` and knex's migration tables are
 * dropped first, so every run starts empty; none when `tables` is empty),
 * else a SQLite file in the OS temporary directory, removed by `close`.
 *
 * @public
 */
export async function openBenchDatabase(name: string, tables: string[]) {
  const server = process.env.TEAMFLOW_BENCH_DATABASE;
  const connection = server ? await ownDatabase(server, name) : undefined;
  const file = path.join(
    os.tmpdir(),
    `teamflow-bench-${name}-${process.pid}.sqlite`,
  );
  const knex = connection
    ? knexFactory({ client: 'pg', connection })
    : knexFactory({
        client: 'better-sqlite3',
        connection: { filename: file },
        useNullAsDefault: true,
      });
  if (connection && tables.length) {
    for (const t of [...tables, 'knex_migrations', 'knex_migrations_lock']) {
      await knex.schema.dropTableIfExists(t);
    }
  }
  return {
    knex,
    engine: connection ? 'postgresql' : 'sqlite-file',
    close: async () => {
      await knex.destroy();
      if (!connection) fs.rmSync(file, { force: true });
    },
  };
}

/**
 * Starts a V8 CPU profile of this process when `TEAMFLOW_BENCH_CPUPROF`
 * names a file; the returned function stops it and writes the profile there
 * (open it in Chrome's DevTools). Without the variable both do nothing.
 *
 * @public
 */
export async function startCpuProfile(): Promise<() => Promise<void>> {
  const file = process.env.TEAMFLOW_BENCH_CPUPROF;
  if (!file) return async () => {};
  const session = new inspector.Session();
  session.connect();
  const post = (method: string) =>
    new Promise<any>((resolve, reject) =>
      session.post(method, (err, result) =>
        err ? reject(err) : resolve(result),
      ),
    );
  await post('Profiler.enable');
  await post('Profiler.start');
  return async () => {
    const { profile } = await post('Profiler.stop');
    fs.writeFileSync(file, JSON.stringify(profile));
    session.disconnect();
  };
}

/** CPU seconds used so far by the local processes whose name is `name` (Linux). */
function cpuSecondsOf(name: string): number | undefined {
  let dirs: string[];
  try {
    dirs = fs.readdirSync('/proc').filter(d => /^\d+$/.test(d));
  } catch {
    return undefined;
  }
  let ticks = 0;
  for (const pid of dirs) {
    try {
      const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
      const close = stat.lastIndexOf(')');
      if (stat.slice(stat.indexOf('(') + 1, close) !== name) continue;
      // utime and stime: fields 14 and 15, the 12th and 13th after the name.
      const fields = stat.slice(close + 2).split(' ');
      ticks += Number(fields[11]) + Number(fields[12]);
    } catch {
      // The process ended while being read.
    }
  }
  // USER_HZ is 100 on Linux.
  return ticks / 100;
}

/**
 * Starts counting CPU time: this process's, and that of every process named
 * `postgres` on this machine (Linux `/proc`; a server elsewhere reports
 * nothing, and another cluster running here is counted too). The returned function gives the milliseconds of
 * each since the start. Work per event, unlike events per second, does not
 * move with how much of the machine other tenants take, so a change is
 * judged on both.
 *
 * @public
 */
export function startCpuMeter(): () => {
  processMs: number;
  postgresMs?: number;
} {
  const ownAtStart = process.cpuUsage();
  const postgresAtStart = cpuSecondsOf('postgres');
  return () => {
    const own = process.cpuUsage(ownAtStart);
    const postgresNow = cpuSecondsOf('postgres');
    return {
      processMs: Math.round((own.user + own.system) / 1000),
      ...(postgresAtStart !== undefined && postgresNow !== undefined
        ? { postgresMs: Math.round((postgresNow - postgresAtStart) * 1000) }
        : {}),
    };
  };
}

import { ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import knexFactory, { Knex } from 'knex';
import { mockServices } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { FlowDefinitions } from '@teamflow/plugin-delivery-common';
import { IncomingEvent } from '@teamflow/plugin-delivery-node';
import { DeliveryStore } from './database/DeliveryStore';
import { Final, expectLedgerOfWholeHistory, history } from './testing/history';
import { toCloudEvent } from './testing/cdevents';

/*
 * Real backend processes (dev/processBackend.ts: Backstage's HTTP server,
 * database service, auth, scheduler), killed with SIGKILL:
 *
 * - crash: killed while a batch is being stored, restarted, the unanswered
 *   batch sent again (as a pipeline retries) with the rest, killed again
 *   right after the last answer while judging is under way, restarted —
 *   every acknowledged event ends judged exactly as judging the whole
 *   history at once judges it;
 * - replicas (PostgreSQL): two processes on one database, half of the
 *   history posted to each at the same time — the same numbers as one.
 *
 * On a SQLite directory and on PostgreSQL (when the test command provides
 * one, as ./teamflow test does).
 */

jest.setTimeout(300_000);

const TOKEN = 'process-test-token';
const COMPONENTS = Array.from({ length: 10 }, (_, i) => `svc-${i}`);
const TEAMS = ['team-0', 'team-1', 'team-2'];
const teamOf = (i: number) => `group:default/${TEAMS[i % TEAMS.length]}`;
const definitions: FlowDefinitions = {
  environment: 'production',
  leadTimeStart: 'first-commit',
  failureWindowHours: 12,
  minimumSample: 1,
};
const entities: Entity[] = [
  ...COMPONENTS.map(
    (name, i): Entity => ({
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Component',
      metadata: { name, namespace: 'default' },
      spec: { type: 'service', lifecycle: 'production', owner: teamOf(i) },
      relations: [{ type: 'ownedBy', targetRef: teamOf(i) }],
    }),
  ),
  ...TEAMS.map(
    (name): Entity => ({
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Group',
      metadata: { name, namespace: 'default' },
      spec: { type: 'team', children: [] },
      relations: [],
    }),
  ),
];

const PG = Object.entries(process.env).find(([k]) =>
  /^BACKSTAGE_TEST_DATABASE_POSTGRES\d+_CONNECTION_STRING$/.test(k),
)?.[1];

type Target = {
  name: string;
  /** backend.database for the process */
  database: object;
  /** a knex handle on the delivery plugin's database */
  open(): Knex;
  cleanup(): Promise<void>;
};

function sqliteTarget(): Target {
  const dir = mkdtempSync(join(tmpdir(), 'delivery-process-'));
  return {
    name: 'SQLite',
    database: { client: 'better-sqlite3', connection: { directory: dir } },
    open: () =>
      knexFactory({
        client: 'better-sqlite3',
        connection: { filename: join(dir, 'delivery.sqlite') },
        useNullAsDefault: true,
      }),
    cleanup: async () => rmSync(dir, { recursive: true, force: true }),
  };
}

function postgresTarget(connection: string): Target {
  const prefix = `dp${Date.now().toString(36)}${Math.floor(
    Math.random() * 1e6,
  ).toString(36)}_`;
  return {
    name: 'PostgreSQL',
    database: { client: 'pg', connection, prefix },
    open: () =>
      knexFactory({
        client: 'pg',
        connection: `${connection.replace(/\/$/, '')}/${prefix}delivery`,
      }),
    cleanup: async () => {
      const admin = knexFactory({ client: 'pg', connection });
      try {
        await admin.raw(`drop database if exists ?? with (force)`, [
          `${prefix}delivery`,
        ]);
      } finally {
        await admin.destroy();
      }
    },
  };
}

async function freePort() {
  return new Promise<number>((ok, fail) => {
    const s = createServer();
    s.once('error', fail);
    s.listen(0, () => {
      const { port } = s.address() as { port: number };
      s.close(() => ok(port));
    });
  });
}

type Backend = { child: ChildProcess; url: string; exited: Promise<void> };

async function startBackend(target: Target): Promise<Backend> {
  const port = await freePort();
  const child = spawn(
    process.execPath,
    [
      '--require',
      require.resolve('@backstage/cli/config/nodeTransform.cjs'),
      'dev/processBackend.ts',
    ],
    {
      cwd: resolve(__dirname, '..'),
      env: {
        ...process.env,
        NODE_ENV: 'development',
        LOG_LEVEL: 'warn',
        TEAMFLOW_PROCESS_BACKEND: JSON.stringify({
          port,
          token: TOKEN,
          database: target.database,
          entities,
          delivery: {
            definitions,
            horizonDays: 60,
            judging: { leaseSeconds: 2 },
          },
        }),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let stderr = '';
  const keep = (d: unknown) => {
    stderr = (stderr + String(d)).slice(-4000);
  };
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  const exited = new Promise<void>(ok => child.once('exit', () => ok()));
  const url = `http://localhost:${port}`;
  const deadline = Date.now() + 120_000;
  for (;;) {
    if (child.exitCode !== null)
      throw new Error(`the backend exited at start: ${stderr}`);
    try {
      const res = await fetch(`${url}/.backstage/health/v1/readiness`);
      if (res.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline)
      throw new Error(`the backend did not come up: ${stderr}`);
    await new Promise(r => setTimeout(r, 250));
  }
  return { child, url, exited };
}

async function kill(backend: Backend) {
  backend.child.kill('SIGKILL');
  await backend.exited;
}

const post = (backend: Backend, batch: IncomingEvent[], versions: number[]) =>
  fetch(`${backend.url}/api/delivery/events`, {
    method: 'POST',
    headers: {
      Authorization: `Bearer ${TOKEN}`,
      'Content-Type': 'application/cloudevents-batch+json',
    },
    body: JSON.stringify(batch.map((e, i) => toCloudEvent(e, versions[i]))),
  });

/** The history's events in filing order, in batches of about `size`. */
function rebatch(batches: IncomingEvent[][], size: number) {
  const stream = batches.flat();
  // Versions of one event (a later status) get their own CloudEvent ids.
  const seen = new Map<string, number>();
  const versions = stream.map(e => {
    const key = `${e.kind}:${e.id}`;
    const v = seen.get(key) ?? 0;
    seen.set(key, v + 1);
    return v;
  });
  const out: Array<{ events: IncomingEvent[]; versions: number[] }> = [];
  for (let i = 0; i < stream.length; i += size)
    out.push({
      events: stream.slice(i, i + size),
      versions: versions.slice(i, i + size),
    });
  return out;
}

async function queueDepth(db: Knex) {
  const [row] = await db('delivery_judge_queue').count({ n: '*' });
  return Number(row.n);
}

/** Waits until nothing is queued (leases of killed processes included). */
async function drained(db: Knex) {
  const deadline = Date.now() + 120_000;
  let emptySince: number | undefined;
  for (;;) {
    if ((await queueDepth(db)) === 0) {
      emptySince ??= Date.now();
      if (Date.now() - emptySince > 1500) return;
    } else emptySince = undefined;
    if (Date.now() > deadline) throw new Error('the queue did not drain');
    await new Promise(r => setTimeout(r, 200));
  }
}

/** The ledger against the whole history's. */
async function expectLedger(db: Knex, final: Final) {
  const store = await DeliveryStore.create({
    database: mockServices.database({ knex: db }),
    skipMigrations: true,
  });
  await expectLedgerOfWholeHistory(store, final, definitions, COMPONENTS);
}

const targets: Array<[string, () => Target]> = [
  ['SQLite', sqliteTarget],
  ...(PG
    ? [['PostgreSQL', () => postgresTarget(PG)] as [string, () => Target]]
    : []),
];

describe.each(targets)('a delivery backend process on %s', (_name, make) => {
  let target: Target;
  const running: Backend[] = [];
  beforeEach(() => {
    target = make();
  });
  afterEach(async () => {
    for (const b of running.splice(0))
      if (b.child.exitCode === null) await kill(b);
    await target.cleanup();
  });
  const start = async () => {
    const b = await startBackend(target);
    running.push(b);
    return b;
  };

  it('judges every acknowledged event exactly once after SIGKILL during ingest and during judging', async () => {
    const { final, batches } = history(7, 50, COMPONENTS, teamOf);
    // Batches of 60, the last third of the history as one batch (judging
    // it takes long enough to be killed in the middle of).
    const all = rebatch(batches, 60);
    const tail = Math.floor((all.length * 2) / 3);
    const plan = [
      ...all.slice(0, tail),
      {
        events: all.slice(tail).flatMap(b => b.events),
        versions: all.slice(tail).flatMap(b => b.versions),
      },
    ];
    expect(plan.length).toBeGreaterThan(8);
    expect(plan[plan.length - 1].events.length).toBeLessThanOrEqual(1000);

    // 1. Killed while a batch is being stored (its answer never comes).
    const first = await start();
    const cut = Math.floor(plan.length / 3);
    const ok = async (res: Response) =>
      expect({ status: res.status, body: await res.json() }).toMatchObject({
        status: 200,
        body: { rejected: [] },
      });
    for (let i = 0; i < cut; i++)
      await ok(await post(first, plan[i].events, plan[i].versions));
    const inFlight = post(first, plan[cut].events, plan[cut].versions).catch(
      () => undefined,
    );
    await new Promise(r => setTimeout(r, 15));
    await kill(first);
    await inFlight;

    // 2. Restarted: the pipeline sends the unanswered batch again and the
    //    rest; killed right after the last answer, while judging runs.
    const second = await start();
    for (let i = cut; i < plan.length; i++)
      await ok(await post(second, plan[i].events, plan[i].versions));
    await kill(second);
    const db = target.open();
    try {
      // Killed mid-judging: queued pairs were left (leased by the dead process).
      expect(await queueDepth(db)).toBeGreaterThan(0);

      // 3. Restarted: the leases end, the pairs are judged.
      await start();
      await drained(db);
      await expectLedger(db, final);
    } finally {
      await db.destroy();
    }
  });

  if (_name === 'PostgreSQL')
    it('gives two replicas on one database the numbers of one', async () => {
      const { final, batches } = history(11, 50, COMPONENTS, teamOf);
      // Each event's versions to one replica (in their order: a later
      // status after the first), the events of every component split
      // between the two, both replicas at once.
      const half = (parity: number) =>
        batches.map(batch =>
          batch.filter(e => {
            let h = 0;
            for (const ch of `${e.kind}:${e.id}`)
              h = (h * 31 + ch.charCodeAt(0)) | 0;
            return Math.abs(h) % 2 === parity;
          }),
        );
      const a = await start();
      const b = await start();
      const send = async (backend: Backend, parity: number) => {
        for (const batch of rebatch(half(parity), 40)) {
          const res = await post(backend, batch.events, batch.versions);
          expect({ status: res.status, body: await res.json() }).toMatchObject({
            status: 200,
            body: { rejected: [] },
          });
        }
      };
      await Promise.all([send(a, 0), send(b, 1)]);
      const db = target.open();
      try {
        await drained(db);
        await expectLedger(db, final);
      } finally {
        await db.destroy();
      }
    });
});

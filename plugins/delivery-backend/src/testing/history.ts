import {
  ChangeEvent,
  DeploymentEvent,
  FlowDefinitions,
  IncidentEvent,
  attributeFlow,
  rollupDays,
  completeWeeks,
  seriesTrend,
  summariseRollups,
} from '@teamflow/plugin-delivery-common';
import { IncomingEvent } from '@teamflow/plugin-delivery-node';
import { DeliveryStore } from '../database/DeliveryStore';
import { DeliveryService } from '../service/DeliveryService';

/*
 * Random delivery histories for the judging, crash and replica tests: every
 * kind of long-range effect (rollbacks, reverts, explicit change lists, some
 * listing another component's changes, pinned incidents, incidents resolved
 * later, deployments whose status changes, a staging environment), filed in
 * a random order and random batches; and what judging the whole history at
 * once gives (`expected`).
 */

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
/** The first day of every history. */
export const START = Date.UTC(2026, 9, 1);

/** mulberry32: a small seeded generator. */
export function random(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let x = Math.imul(a ^ (a >>> 15), 1 | a);
    x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x;
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
}

export type Final = {
  deployments: Array<DeploymentEvent & { teamRef: string }>;
  changes: ChangeEvent[];
  incidents: Array<IncidentEvent & { teamRef: string }>;
};

/**
 * A history over `days` days and the order it is filed in: each event once
 * or, for some, an earlier version first (a deployment first reported
 * failed, an incident not yet resolved).
 */
export function history(
  seed: number,
  days: number,
  components: string[],
  teamOf: (index: number) => string = i => `group:default/team-${i % 2}`,
  options: {
    /** Some deployments list an own change merged more than this many days before. */
    farListDays?: number;
  } = {},
) {
  const rnd = random(seed);
  const pick = <T>(list: T[]) => list[Math.floor(rnd() * list.length)];
  const final: Final = { deployments: [], changes: [], incidents: [] };
  const filed: Array<Array<IncomingEvent>> = [];
  // Changes of components generated earlier, now and then listed by a
  // deployment of another component (a release shipping several services).
  const others: ChangeEvent[] = [];
  const listed = new Set<string>();
  const crossListed = new Set<string>();
  // Changes listed from far away: filed after everything else (a late
  // arrival older than the horizon).
  const farListed = new Set<string>();
  const reverted = new Set<string>();
  components.forEach((name, ci) => {
    const entity = { entityRef: `component:default/${name}` };
    const teamRef = teamOf(ci);
    const entityRef = entity.entityRef;
    const mine: ChangeEvent[] = [];
    let t = START + rnd() * DAY;
    let n = 0;
    const end = START + days * DAY;
    while (t < end) {
      // Changes merged before the next deployment.
      const merged: string[] = [];
      const count = Math.floor(rnd() * 4);
      for (let k = 0; k < count; k++) {
        const id = `${name}-c${n}-${k}`;
        const mergedAt = t - rnd() * 20 * HOUR;
        const revertable = mine.filter(m => !crossListed.has(m.id));
        const revert =
          rnd() < 0.12 && revertable.length ? pick(revertable) : undefined;
        if (revert) reverted.add(revert.id);
        const change: ChangeEvent = {
          id,
          entityRef,
          mergedAt: new Date(mergedAt).toISOString(),
          firstCommitAt: new Date(mergedAt - rnd() * 60 * HOUR).toISOString(),
          labels: rnd() < 0.1 ? ['hotfix'] : [],
          revertOf: revert?.id,
        };
        mine.push(change);
        others.push(change);
        merged.push(id);
        final.changes.push(change);
        filed.push([
          {
            kind: 'change',
            id,
            entity,
            mergedAt,
            firstCommitAt: Date.parse(change.firstCommitAt!),
            labels: change.labels ?? [],
            revertOf: change.revertOf,
          },
        ]);
      }
      const environment = rnd() < 0.2 ? 'staging' : 'production';
      const status = rnd() < 0.15 ? 'failure' : 'success';
      const deployment: DeploymentEvent & { teamRef: string } = {
        id: `${name}-d${n}`,
        entityRef,
        teamRef,
        environment,
        finishedAt: new Date(t).toISOString(),
        status,
        rollback: rnd() < 0.1,
        changeIds: rnd() < 0.3 && merged.length ? merged : undefined,
      };
      const finished = Date.parse(deployment.finishedAt);
      const foreign = others.filter(
        c =>
          c.entityRef !== entityRef &&
          !listed.has(c.id) &&
          !reverted.has(c.id) &&
          Date.parse(c.mergedAt) < finished,
      );
      // Now and then a list reaching far back: an own change merged more
      // than `farListDays` before, not listed or reverted yet.
      const far = options.farListDays
        ? mine.filter(
            c =>
              !listed.has(c.id) &&
              !reverted.has(c.id) &&
              !crossListed.has(c.id) &&
              !merged.includes(c.id) &&
              Date.parse(c.mergedAt) < finished - options.farListDays! * DAY,
          )
        : [];
      if (far.length && rnd() < 0.1) {
        const c = pick(far);
        deployment.changeIds = [...(deployment.changeIds ?? []), c.id];
        crossListed.add(c.id);
        farListed.add(c.id);
      }
      if (rnd() < 0.08 && foreign.length) {
        const c = pick(foreign);
        deployment.changeIds = [...(deployment.changeIds ?? []), c.id];
        crossListed.add(c.id);
      }
      for (const id of deployment.changeIds ?? []) listed.add(id);
      final.deployments.push(deployment);
      const incoming = (s: 'success' | 'failure'): IncomingEvent => ({
        kind: 'deployment',
        id: deployment.id,
        entity,
        environment: deployment.environment,
        finishedAt: Date.parse(deployment.finishedAt),
        status: s,
        rollback: !!deployment.rollback,
        changeIds: deployment.changeIds,
      });
      // Some deployments are reported failed first, then succeeded.
      filed.push(
        status === 'success' && rnd() < 0.1
          ? [incoming('failure'), incoming('success')]
          : [incoming(status)],
      );
      // Incidents: some within the failure window, some long after.
      if (rnd() < 0.35) {
        const startedAt = t + rnd() * (rnd() < 0.7 ? 12 : 60) * HOUR;
        const resolvedAt =
          rnd() < 0.75 ? startedAt + rnd() * 30 * HOUR : undefined;
        const explicit =
          rnd() < 0.2
            ? pick(
                final.deployments.filter(
                  d =>
                    d.entityRef === entityRef && d.environment === 'production',
                ),
              )
            : undefined;
        const incident: IncidentEvent & { teamRef: string } = {
          id: `${name}-i${n}`,
          entityRef,
          teamRef,
          startedAt: new Date(startedAt).toISOString(),
          resolvedAt: resolvedAt
            ? new Date(resolvedAt).toISOString()
            : undefined,
          deploymentId: explicit?.id,
        };
        final.incidents.push(incident);
        const base = {
          kind: 'incident' as const,
          id: incident.id,
          entity,
          environment: 'production',
          startedAt,
          deploymentId: incident.deploymentId,
        };
        filed.push(
          resolvedAt && rnd() < 0.5
            ? [base, { ...base, resolvedAt }]
            : [{ ...base, resolvedAt }],
        );
      }
      n += 1;
      // Mostly hours to a few days apart, now and then a long gap.
      t += (rnd() < 0.08 ? 9 + rnd() * 12 : rnd() * 2.5) * DAY + HOUR;
    }
  });
  // Random order (versions of one event keep theirs), random batch sizes.
  const order = filed.map((versions, i) => ({ versions, key: rnd(), i }));
  const late: IncomingEvent[] = [];
  order.sort((a, b) => a.key - b.key);
  const stream: IncomingEvent[] = [];
  const pending = new Map<number, IncomingEvent[]>();
  for (const o of order) pending.set(o.i, [...o.versions]);
  while (pending.size) {
    const keys = [...pending.keys()];
    const k = keys[Math.floor(rnd() * Math.min(keys.length, 6))];
    const list = pending.get(k)!;
    const next = list.shift()!;
    if (next.kind === 'change' && farListed.has(next.id)) late.push(next);
    else stream.push(next);
    if (!list.length) pending.delete(k);
  }
  stream.push(...late);
  const batches: IncomingEvent[][] = [];
  for (let i = 0; i < stream.length; ) {
    const size = 1 + Math.floor(rnd() * 12);
    batches.push(stream.slice(i, i + size));
    i += size;
  }
  return { final, batches };
}

export function expected(final: Final, definitions: FlowDefinitions) {
  const out = new Map<string, ReturnType<typeof rollupDays>>();
  const verdicts = new Map<string, object>();
  const links = new Map<string, string | null>();
  for (const environment of ['production', 'staging']) {
    const incidents = final.incidents.filter(
      () => environment === 'production',
    );
    const attribution = attributeFlow({
      deployments: final.deployments,
      changes: final.changes,
      incidents,
      definitions: { ...definitions, environment },
    });
    out.set(
      environment,
      rollupDays({
        environment,
        deployments: final.deployments,
        changes: final.changes,
        incidents,
        attribution,
      }),
    );
    const shipped = new Map<string, number>();
    for (const dep of Object.values(attribution.changeDeployment))
      shipped.set(dep, (shipped.get(dep) ?? 0) + 1);
    for (const d of final.deployments)
      if (d.environment === environment)
        verdicts.set(d.id, {
          failed: attribution.failed.has(d.id),
          rework: attribution.rework.has(d.id),
          recoveryHours: attribution.recoveryHours[d.id] ?? null,
          changes: shipped.get(d.id) ?? 0,
        });
    for (const i of incidents)
      links.set(i.id, attribution.incidentDeployment[i.id] ?? null);
  }
  return { days: out, verdicts, links };
}

const sorted = (xs: number[] | undefined) =>
  [...(xs ?? [])].sort((a, b) => a - b);

/**
 * Checks the stored ledger against judging the whole history at once: every
 * day row of every component (counts, durations, histograms), every
 * deployment's verdict and every incident's link.
 */
export async function expectLedgerOfWholeHistory(
  store: DeliveryStore,
  final: Final,
  definitions: FlowDefinitions,
  components: string[],
) {
  const want = expected(final, definitions);
  const norm = (r: any) => ({
    day: r.day,
    deployments: r.deployments,
    successful: r.successful,
    failed: r.failed,
    rework: r.rework,
    withChanges: r.withChanges,
    incidents: r.incidents,
    unlinkedIncidents: r.unlinkedIncidents,
    leadTimes: sorted(r.leadTimes),
    recoveryTimes: sorted(r.recoveryTimes),
    leadHistogram: r.leadHistogram,
    recoveryHistogram: r.recoveryHistogram,
  });
  const byDay = (a: { day: string }, b: { day: string }) =>
    a.day.localeCompare(b.day);
  for (const environment of ['production', 'staging'])
    for (const name of components) {
      const entityRef = `component:default/${name}`;
      const stored = await store.reads.entityDays({
        entityRefs: [entityRef],
        environment,
        fromDay: '2026-01-01',
        toDay: '2027-12-31',
      });
      expect({
        environment,
        entityRef,
        days: stored.map(norm).sort(byDay),
      }).toEqual({
        environment,
        entityRef,
        days: want.days
          .get(environment)!
          .filter(r => r.entityRef === entityRef)
          .map(norm)
          .sort(byDay),
      });
    }
  const deployments = await store.existingDeployments(
    final.deployments.map(d => d.id),
  );
  expect(
    final.deployments.map(d => {
      const row = deployments.get(d.id);
      return {
        id: d.id,
        failed: row?.failed,
        rework: row?.rework,
        recoveryHours: row?.recoveryHours ?? null,
        changes: row?.changes,
      };
    }),
  ).toEqual(
    final.deployments.map(d => ({ id: d.id, ...want.verdicts.get(d.id) })),
  );
  const incidents = await store.existingIncidents(
    final.incidents.map(i => i.id),
  );
  expect(
    final.incidents.map(i => ({
      id: i.id,
      linked: incidents.get(i.id)?.linkedDeploymentId ?? null,
    })),
  ).toEqual(
    final.incidents.map(i => ({ id: i.id, linked: want.links.get(i.id) })),
  );
}

/**
 * Checks the organisation by team against the whole history: each team's
 * five metrics and weekly trend equal summarising its components' expected
 * day rows by their histograms (team rows keep histograms, not durations),
 * over a window with partial weeks at both ends — so week rows, their stored
 * trend points and the edge day rows are all read.
 */
export async function expectOrganisationOfWholeHistory(
  service: DeliveryService,
  final: Final,
  definitions: FlowDefinitions,
  ownerOf: (entityRef: string, day: string) => string,
  window: { from: string; to: string },
) {
  const want = expected(final, definitions).days.get('production')!;
  const org = await service.organisation({ window });
  const teams = [...new Set(want.map(r => ownerOf(r.entityRef, r.day)))].sort();
  const inWindow = (r: { day: string }) =>
    r.day >= window.from.slice(0, 10) && r.day < window.to.slice(0, 10);
  const histogramsOnly = ({
    leadTimes: _l,
    recoveryTimes: _r,
    ...rest
  }: (typeof want)[number]) => rest;
  // Each team's summary, and its trend over the window's complete weeks
  // (the organisation answer leaves the partial weeks out of team trends).
  expect(
    org.teams.map(t => [
      t.teamRef,
      t.summary,
      seriesTrend(org.weeks, t.weekly),
    ]),
  ).toEqual(
    teams
      .map(team => {
        const rows = want
          .filter(r => ownerOf(r.entityRef, r.day) === team && inWindow(r))
          .map(histogramsOnly);
        if (!rows.length) return undefined;
        const { trend, ...summary } = summariseRollups(
          rows,
          window,
          definitions.minimumSample,
        );
        return [team, summary, completeWeeks(trend)];
      })
      .filter(x => x !== undefined),
  );
}

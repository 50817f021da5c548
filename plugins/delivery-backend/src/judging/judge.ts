import {
  ChangeEvent,
  DeploymentEvent,
  EntityDailyRollup,
  FlowDefinitions,
  IncidentEvent,
  attributeFlow,
  rollupDays,
} from '@teamflow/plugin-delivery-common';
import {
  ChangeDeploymentRow,
  DeliveryStore,
  DeploymentRow,
  ContextBand,
  IncidentRow,
} from '../database/DeliveryStore';
import { bandsOf } from './bands';

const DAY = 86_400_000;
const iso = (ms: number) => new Date(ms).toISOString();
const dayStart = (ms: number) => Math.floor(ms / DAY) * DAY;

/**
 * Re-judges the events of some entities after new events arrived for them
 * (`touched`; or every event in `[from, to]` when `allDays`, after the
 * definitions changed) and rewrites what changed: verdicts, links, and the
 * day rows of the days concerned.
 *
 * Each entity is judged within its band (`bandsOf`), with deployments from
 * a failure window before it and `horizonDays` of deployments, incidents and
 * changes after it as context; changes shipped by deployments in the band,
 * listed by one, or not yet shipped are loaded wherever they are (so a first
 * deployment after a long gap still picks up old changes). Consequence,
 * documented: a verdict that depends on an event more than the horizon away
 * (a failure recovered after more than 30 days by default) is not revisited.
 */
export async function judgeAround(options: JudgeOptions) {
  return finishJudgement(await prepareJudgement(options));
}

/** What to judge. @public */
export type JudgeOptions = {
  store: DeliveryStore;
  definitions: FlowDefinitions;
  horizonDays: number;
  entityRefs: string[];
  from: number;
  to: number;
  /** Events just written (new or changed): their days are rolled up again. */
  touched?: Array<{ entityRef: string; at: number }>;
  /** Roll up every day of `[from − horizon, to + horizon]` again (definitions changed). */
  allDays?: boolean;
};

/** The reading half of `judgeAround`: bands and their context. */
export async function prepareJudgement(options: JudgeOptions) {
  const { store, definitions } = options;
  const horizon = options.horizonDays * DAY;
  const failureWindow = definitions.failureWindowHours * 3_600_000;
  const ranges = new Map<string, { a: number; b: number }>();
  for (const ref of options.entityRefs)
    if (options.allDays || !options.touched)
      ranges.set(ref, { a: options.from, b: options.to });
  for (const t of options.touched ?? []) {
    if (options.allDays) break;
    const r = ranges.get(t.entityRef);
    if (!r) ranges.set(t.entityRef, { a: t.at, b: t.at });
    else {
      r.a = Math.min(r.a, t.at);
      r.b = Math.max(r.b, t.at);
    }
  }
  let bandList: ContextBand[];
  if (options.allDays) {
    bandList = [...ranges].map(([entityRef, r]) => ({
      entityRef,
      from: dayStart(r.a - horizon),
      to: dayStart(r.b + horizon) + DAY,
      changesFrom: dayStart(r.a - horizon),
    }));
  } else {
    const as = [...ranges.values()];
    const timeline = await store.context.timeline(
      [...ranges.keys()],
      Math.min(...as.map(r => r.a)) - horizon - DAY,
      Math.max(...as.map(r => r.b)) + horizon + DAY,
    );
    bandList = bandsOf({ ranges, timeline, failureWindow, horizon });
  }
  const ctx = await store.context.loadContext(bandList, {
    before: Math.max(failureWindow, DAY),
    after: horizon,
  });
  return { options, bandList, ctx };
}

/**
 * Entities other than the judged ones whose rows a judgement may write
 * (changes listed by a deployment of another entity). Two judgements can
 * overlap when neither touches the other's entities.
 */
export function foreignEntities(
  prepared: Awaited<ReturnType<typeof prepareJudgement>>,
) {
  const own = new Set(prepared.bandList.map(b => b.entityRef));
  const out = new Set<string>();
  for (const c of prepared.ctx.changes)
    if (!own.has(c.entityRef)) out.add(c.entityRef);
  for (const d of prepared.ctx.deployments)
    if (!own.has(d.entityRef)) out.add(d.entityRef);
  return out;
}

/**
 * The deciding and writing half of `judgeAround`. Returns the (entity,
 * instant) pairs to judge again: a change taken from a deployment that was
 * not loaded (listed now by another one) leaves that deployment's numbers
 * to be redone around it.
 */
export async function finishJudgement(
  prepared: Awaited<ReturnType<typeof prepareJudgement>>,
) {
  const { options, bandList, ctx } = prepared;
  const { store, definitions } = options;
  const bands = new Map(bandList.map(b => [b.entityRef, b]));
  const bandFrom = Math.min(...bandList.map(b => b.from));
  const bandTo = Math.max(...bandList.map(b => b.to));
  const inBand = (entityRef: string, ms: number) => {
    const b = bands.get(entityRef);
    return !!b && ms >= b.from && ms < b.to;
  };
  const dayOf = (ms: number) => iso(ms).slice(0, 10);

  const deployments: Array<DeploymentEvent & { teamRef: string | null }> =
    ctx.deployments.map(d => ({
      id: d.id,
      entityRef: d.entityRef,
      teamRef: d.teamRef,
      environment: d.environment,
      finishedAt: iso(d.finishedAt),
      status: d.status,
      rollback: d.rollback,
      changeIds: d.changeIds,
    }));
  const changes: ChangeEvent[] = ctx.changes.map(c => ({
    id: c.id,
    entityRef: c.entityRef,
    mergedAt: iso(c.mergedAt),
    firstCommitAt:
      c.firstCommitAt !== undefined ? iso(c.firstCommitAt) : undefined,
    openedAt: c.openedAt !== undefined ? iso(c.openedAt) : undefined,
    labels: c.labels,
    revertOf: c.revertOf,
  }));
  const changeEntity = new Map(ctx.changes.map(c => [c.id, c.entityRef]));
  const deploymentById = new Map(ctx.deployments.map(d => [d.id, d]));
  // Deployments around the bands keep their stored verdicts.
  const knownFailed = new Map(
    ctx.deployments
      .filter(d => !inBand(d.entityRef, d.finishedAt))
      .map(d => [d.id, d.failed ?? false]),
  );
  const environments = new Set([
    ...ctx.deployments.map(d => d.environment),
    ...ctx.incidents.map(i => i.environment),
  ]);

  // (entity, day) pairs whose day rows must be written again.
  const dirty = new Set<string>();
  const markDirty = (entityRef: string, ms: number) => {
    if (inBand(entityRef, ms)) dirty.add(`${entityRef}\u0000${dayOf(ms)}`);
  };
  for (const t of options.touched ?? []) markDirty(t.entityRef, t.at);
  if (options.allDays)
    for (const b of bandList)
      for (let t = b.from; t < b.to; t += DAY) markDirty(b.entityRef, t);
  // Links and shipped flags are written for changes merged before their
  // entity's band ends; later ones are context (their deployment may lie
  // beyond what was loaded).
  const settled = (c: { entityRef: string; mergedAt: number }) => {
    const b = bands.get(c.entityRef);
    return !b || c.mergedAt < b.to;
  };

  const judgedDeployments: DeploymentRow[] = [];
  const judgedIncidents: IncidentRow[] = [];
  const linksAdded: ChangeDeploymentRow[] = [];
  const linksRemoved: Array<{ changeId: string; environment: string }> = [];
  const shippedNow = new Set<string>();
  const again: Array<{ entityRef: string; at: number }> = [];
  // A deployment whose changes moved: its day is rolled up again here, or,
  // when it lies outside the bands (an explicit list reaching past them),
  // it is judged again around it.
  const touchDeployment = (d: { entityRef: string; finishedAt: number }) => {
    if (inBand(d.entityRef, d.finishedAt)) markDirty(d.entityRef, d.finishedAt);
    else again.push({ entityRef: d.entityRef, at: d.finishedAt });
  };
  const daily: EntityDailyRollup[] = [];
  const bandFromDay = dayOf(bandFrom);
  const bandToDay = dayOf(bandTo - 1);
  for (const environment of environments) {
    const incidentRows = ctx.incidents.filter(
      i => i.environment === environment,
    );
    const incidents: Array<IncidentEvent & { teamRef: string | null }> =
      incidentRows.map(i => ({
        id: i.id,
        entityRef: i.entityRef,
        teamRef: i.teamRef,
        startedAt: iso(i.startedAt),
        resolvedAt: i.resolvedAt !== undefined ? iso(i.resolvedAt) : undefined,
        deploymentId: i.deploymentId,
      }));
    // A change already shipped to this environment by a deployment that was
    // not loaded (it came along through another environment's link) stays
    // where it is — unless a loaded deployment lists it: the explicit link
    // wins, and the one it leaves is judged again (`again`).
    // Likewise a change listed in this environment by a deployment that was
    // not loaded: that deployment's judgement ships it (it is queued when
    // either side arrives), wherever it lies in time.
    const listedHere = new Set(
      ctx.deployments
        .filter(d => d.environment === environment)
        .flatMap(d => d.changeIds ?? []),
    );
    const outside = new Set(
      ctx.changes
        .filter(c => {
          if (listedHere.has(c.id)) return false;
          const old = ctx.links.get(`${c.id}\u0000${environment}`);
          if (old && !deploymentById.has(old.deploymentId)) return true;
          return (ctx.listedBy.get(c.id) ?? []).some(
            l =>
              l.environment === environment &&
              !deploymentById.has(l.deploymentId),
          );
        })
        .map(c => c.id),
    );
    for (const id of outside) shippedNow.add(id);
    const envChanges = outside.size
      ? changes.filter(c => !outside.has(c.id))
      : changes;
    const attribution = attributeFlow({
      deployments,
      changes: envChanges,
      incidents,
      definitions: { ...definitions, environment },
      knownFailed,
      revertedElsewhere: ctx.changes.flatMap(c =>
        outside.has(c.id) && c.revertOf ? [c.revertOf] : [],
      ),
    });
    const shippedCount = new Map<string, number>();
    for (const [changeId, deploymentId] of Object.entries(
      attribution.changeDeployment,
    )) {
      shippedNow.add(changeId);
      shippedCount.set(deploymentId, (shippedCount.get(deploymentId) ?? 0) + 1);
    }
    // Links: write only those that changed; their deployments' days are dirty.
    for (const c of ctx.changes) {
      if (!settled(c) || outside.has(c.id)) continue;
      const key = `${c.id}\u0000${environment}`;
      const old = ctx.links.get(key);
      const deploymentId = attribution.changeDeployment[c.id];
      const lead = attribution.leadTimeHours[c.id];
      if (
        old &&
        old.deploymentId === deploymentId &&
        old.leadTimeHours === lead
      )
        continue;
      if (old) {
        linksRemoved.push({ changeId: c.id, environment });
        const was =
          deploymentById.get(old.deploymentId) ??
          ctx.linkTargets.get(old.deploymentId);
        if (was) touchDeployment(was);
        else again.push({ entityRef: c.entityRef, at: c.mergedAt });
      }
      if (deploymentId) {
        linksAdded.push({
          changeId: c.id,
          environment,
          deploymentId,
          entityRef: changeEntity.get(c.id) ?? '',
          leadTimeHours: lead,
        });
        const now = deploymentById.get(deploymentId);
        if (now) touchDeployment(now);
      }
    }
    for (const d of ctx.deployments) {
      if (d.environment !== environment || !inBand(d.entityRef, d.finishedAt))
        continue;
      const judged = {
        ...d,
        failed: attribution.failed.has(d.id),
        rework: attribution.rework.has(d.id),
        recoveryHours: attribution.recoveryHours[d.id] ?? null,
        changes: shippedCount.get(d.id) ?? 0,
      };
      if (
        judged.failed !== d.failed ||
        judged.rework !== d.rework ||
        judged.recoveryHours !== (d.recoveryHours ?? null) ||
        judged.changes !== d.changes
      ) {
        judgedDeployments.push(judged);
        markDirty(d.entityRef, d.finishedAt);
      }
    }
    for (const i of incidentRows) {
      if (!inBand(i.entityRef, i.startedAt)) continue;
      const linked = attribution.incidentDeployment[i.id] ?? null;
      if (linked !== (i.linkedDeploymentId ?? null)) {
        judgedIncidents.push({ ...i, linkedDeploymentId: linked });
        markDirty(i.entityRef, i.startedAt);
      }
    }
    daily.push(
      ...rollupDays({
        environment,
        deployments,
        changes: envChanges,
        incidents,
        attribution,
        days: day => day >= bandFromDay && day <= bandToDay,
      }),
    );
  }
  const dirtyPairs = [...dirty].map(k => {
    const [entityRef, day] = k.split('\u0000');
    return { entityRef, day };
  });
  await store.judgements.applyJudgement({
    deployments: judgedDeployments,
    incidents: judgedIncidents,
    linksRemoved,
    linksAdded,
    shipped: ctx.changes
      .filter(c => settled(c) && shippedNow.has(c.id) && !c.shipped)
      .map(c => c.id),
    unshipped: ctx.changes
      .filter(c => settled(c) && !shippedNow.has(c.id) && c.shipped)
      .map(c => c.id),
    dirty: dirtyPairs,
    daily: daily.filter(r => dirty.has(`${r.entityRef}\u0000${r.day}`)),
  });
  return { again };
}

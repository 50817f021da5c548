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
  IncidentRow,
} from '../database/DeliveryStore';

const DAY = 86_400_000;
const iso = (ms: number) => new Date(ms).toISOString();
const dayStart = (ms: number) => Math.floor(ms / DAY) * DAY;

/**
 * Re-judges the events of some entities around `[from, to]` after new events
 * arrived there, and replaces their day rows.
 *
 * The verdicts of events within `horizonDays` of the new ones can change
 * (a rollback fails the deployment before it, an incident fails the one
 * before it, a deployment ships the changes merged before it, a revert fails
 * the deployment of the change it reverts). Those events are judged again
 * with a further `horizonDays` of deployments and incidents on each side;
 * the changes loaded are those merged from the band on, those already
 * shipped by deployments in the band, those a deployment lists, and every
 * change not yet shipped (so a first deployment after a long gap still picks
 * up old changes). Days in `[from − horizon, to + horizon]` are rolled up
 * again. Consequence, documented: a verdict that depends on an event more
 * than the horizon away (a failure recovered after more than 30 days by
 * default) is not revisited.
 */
export async function judgeAround(options: {
  store: DeliveryStore;
  definitions: FlowDefinitions;
  horizonDays: number;
  entityRefs: string[];
  from: number;
  to: number;
  /** Events just written (new or changed): their days are rolled up again. */
  touched?: Array<{ entityRef: string; at: number }>;
  /** Roll up every day of the band again (definitions changed). */
  allDays?: boolean;
}) {
  const { store, definitions } = options;
  const horizon = options.horizonDays * DAY;
  const bandFrom = dayStart(options.from - horizon);
  const bandTo = dayStart(options.to + horizon) + DAY;
  const ctx = await store.loadContext(
    options.entityRefs,
    bandFrom - horizon,
    bandTo + horizon,
    { from: bandFrom, to: bandTo },
  );
  const inBand = (ms: number) => ms >= bandFrom && ms < bandTo;
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
  const environments = new Set([
    ...ctx.deployments.map(d => d.environment),
    ...ctx.incidents.map(i => i.environment),
  ]);

  // (entity, day) pairs whose day rows must be written again.
  const dirty = new Set<string>();
  const markDirty = (entityRef: string, ms: number) => {
    if (inBand(ms)) dirty.add(`${entityRef}\u0000${dayOf(ms)}`);
  };
  for (const t of options.touched ?? []) markDirty(t.entityRef, t.at);
  if (options.allDays)
    for (const ref of options.entityRefs)
      for (let t = bandFrom; t < bandTo; t += DAY) markDirty(ref, t);

  const judgedDeployments: DeploymentRow[] = [];
  const judgedIncidents: IncidentRow[] = [];
  const linksAdded: ChangeDeploymentRow[] = [];
  const linksRemoved: Array<{ changeId: string; environment: string }> = [];
  const shippedNow = new Set<string>();
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
    const attribution = attributeFlow({
      deployments,
      changes,
      incidents,
      definitions: { ...definitions, environment },
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
        const was = deploymentById.get(old.deploymentId);
        if (was) markDirty(was.entityRef, was.finishedAt);
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
        if (now) markDirty(now.entityRef, now.finishedAt);
      }
    }
    for (const d of ctx.deployments) {
      if (d.environment !== environment || !inBand(d.finishedAt)) continue;
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
        changes,
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
  await store.applyJudgement({
    deployments: judgedDeployments,
    incidents: judgedIncidents,
    linksRemoved,
    linksAdded,
    shipped: ctx.changes
      .filter(c => shippedNow.has(c.id) && !c.shipped)
      .map(c => c.id),
    unshipped: ctx.changes
      .filter(c => !shippedNow.has(c.id) && c.shipped)
      .map(c => c.id),
    dirty: dirtyPairs,
    daily: daily.filter(r => dirty.has(`${r.entityRef}\u0000${r.day}`)),
  });
}

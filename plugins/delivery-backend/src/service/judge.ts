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
  ChangeRow,
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
  const environments = new Set([
    ...ctx.deployments.map(d => d.environment),
    ...ctx.incidents.map(i => i.environment),
  ]);

  const judgedDeployments: DeploymentRow[] = [];
  const judgedIncidents: IncidentRow[] = [];
  const changeDeployments: ChangeDeploymentRow[] = [];
  const daily: EntityDailyRollup[] = [];
  const bandFromDay = iso(bandFrom).slice(0, 10);
  const bandToDay = iso(bandTo - 1).slice(0, 10);
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
      shippedCount.set(deploymentId, (shippedCount.get(deploymentId) ?? 0) + 1);
      changeDeployments.push({
        changeId,
        environment,
        deploymentId,
        entityRef: changeEntity.get(changeId) ?? '',
        leadTimeHours: attribution.leadTimeHours[changeId],
      });
    }
    for (const d of ctx.deployments) {
      if (d.environment !== environment || !inBand(d.finishedAt)) continue;
      judgedDeployments.push({
        ...d,
        failed: attribution.failed.has(d.id),
        rework: attribution.rework.has(d.id),
        recoveryHours: attribution.recoveryHours[d.id] ?? null,
        changes: shippedCount.get(d.id) ?? 0,
      });
    }
    for (const i of incidentRows) {
      judgedIncidents.push({
        ...i,
        linkedDeploymentId: attribution.incidentDeployment[i.id] ?? null,
      });
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
  await store.applyJudgement({
    entityRefs: options.entityRefs,
    fromDay: bandFromDay,
    toDay: bandToDay,
    deployments: judgedDeployments,
    incidents: judgedIncidents,
    changeIds: ctx.changes.map(c => c.id),
    changeDeployments,
    daily,
  });
}

export type { ChangeRow };

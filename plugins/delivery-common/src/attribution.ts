/**
 * The judgement under every delivery number: which deployment shipped each
 * change, which deployment each incident counts against, which deployments
 * failed or are rework, and how long each failure took to recover.
 */
import {
  ChangeEvent,
  DeploymentEvent,
  FlowDefinitions,
  DEFAULT_FLOW_DEFINITIONS,
  IncidentEvent,
} from './definitions';

const HOUR = 3_600_000;
const t = (iso: string) => Date.parse(iso);

/** What each deployment, change and incident of one environment is judged to be. @public */
export type FlowAttribution = {
  /** change id → the deployment that shipped it */
  changeDeployment: Record<string, string>;
  /** change id → hours from its start (per `leadTimeStart`) to that deployment */
  leadTimeHours: Record<string, number>;
  /** incident id → the deployment it is attributed to */
  incidentDeployment: Record<string, string>;
  /** deployment ids judged failed */
  failed: Set<string>;
  /** deployment ids judged rework */
  rework: Set<string>;
  /** failed deployment id → hours until recovered (absent: not yet recovered) */
  recoveryHours: Record<string, number>;
};

/**
 * Judges every deployment, change and incident of one environment: which
 * deployment shipped each change (the one that lists it, else the first
 * *successful*, non-rollback deployment of the same entity at or after its
 * merge), which deployment each incident counts against (the explicit link,
 * else the entity's latest deployment when the incident starts within
 * `failureWindowHours` of it), which deployments failed and which are rework,
 * and how long each failure took to recover. The definitions are those of
 * {@link computeFlowMetrics}; the backend stores this judgement and rolls it
 * up per day, so summaries never rescan events.
 *
 * @public
 */
export function attributeFlow(input: {
  deployments: DeploymentEvent[];
  changes: ChangeEvent[];
  incidents: IncidentEvent[];
  definitions?: Partial<FlowDefinitions>;
  /**
   * Failure verdicts already settled, by deployment id: used as they are
   * (a ledger judging part of a history passes those of the deployments
   * around the part, whose own evidence it did not load).
   */
  knownFailed?: ReadonlyMap<string, boolean>;
  /**
   * Changes reverted by changes not in `changes` (shipped where this
   * judgement does not look): their deployments failed all the same.
   */
  revertedElsewhere?: string[];
}): FlowAttribution {
  const d = { ...DEFAULT_FLOW_DEFINITIONS, ...input.definitions };
  // Every deployment of the environment, in time order.
  const all = input.deployments
    .filter(x => x.environment === d.environment)
    .sort(
      (a, b) => t(a.finishedAt) - t(b.finishedAt) || a.id.localeCompare(b.id),
    );
  const byEntity = new Map<string, DeploymentEvent[]>();
  const position = new Map<string, number>();
  for (const dep of all) {
    const list = byEntity.get(dep.entityRef);
    position.set(dep.id, list ? list.length : 0);
    if (list) list.push(dep);
    else byEntity.set(dep.entityRef, [dep]);
  }

  // Changes -> the deployment that shipped them.
  const listed = new Map<string, string>();
  for (const dep of all)
    for (const c of dep.changeIds ?? []) listed.set(c, dep.id);
  const depById = new Map(all.map(x => [x.id, x]));
  const changeDeployment: Record<string, string> = {};
  const leadTimeHours: Record<string, number> = {};
  const changesOf = new Map<string, ChangeEvent[]>();
  for (const change of input.changes) {
    const explicit = listed.get(change.id);
    const shipped =
      (explicit && depById.get(explicit)) ||
      (byEntity.get(change.entityRef) ?? []).find(
        x =>
          x.status === 'success' &&
          !x.rollback &&
          t(x.finishedAt) >= t(change.mergedAt),
      );
    if (!shipped) continue;
    changeDeployment[change.id] = shipped.id;
    let start = change.mergedAt;
    if (d.leadTimeStart === 'first-commit')
      start = change.firstCommitAt ?? change.openedAt ?? change.mergedAt;
    if (d.leadTimeStart === 'pr-opened')
      start = change.openedAt ?? change.mergedAt;
    leadTimeHours[change.id] =
      Math.round(((t(shipped.finishedAt) - t(start)) / HOUR) * 1000) / 1000;
    const list = changesOf.get(shipped.id);
    if (list) list.push(change);
    else changesOf.set(shipped.id, [change]);
  }

  // Incidents -> deployment: the explicit link wins over the time window.
  const incidentDeployment: Record<string, string> = {};
  const incidentsOf = new Map<string, IncidentEvent[]>();
  for (const inc of input.incidents) {
    let linked: string | undefined;
    if (inc.deploymentId && depById.has(inc.deploymentId)) {
      linked = inc.deploymentId;
    } else {
      const list = byEntity.get(inc.entityRef) ?? [];
      let latest: DeploymentEvent | undefined;
      for (const x of list) {
        if (t(x.finishedAt) > t(inc.startedAt)) break;
        latest = x;
      }
      if (
        latest &&
        t(inc.startedAt) - t(latest.finishedAt) <= d.failureWindowHours * HOUR
      )
        linked = latest.id;
    }
    if (!linked) continue;
    incidentDeployment[inc.id] = linked;
    const list = incidentsOf.get(linked);
    if (list) list.push(inc);
    else incidentsOf.set(linked, [inc]);
  }

  const reverted = new Set(
    [
      ...input.changes.flatMap(c => (c.revertOf ? [c.revertOf] : [])),
      ...(input.revertedElsewhere ?? []),
    ]
      .map(id => changeDeployment[id])
      .filter(Boolean),
  );
  const next = (dep: DeploymentEvent) =>
    byEntity.get(dep.entityRef)![position.get(dep.id)! + 1];
  const isFailed = (dep: DeploymentEvent) =>
    input.knownFailed?.get(dep.id) ??
    (dep.status === 'failure' ||
      next(dep)?.rollback === true ||
      reverted.has(dep.id) ||
      (incidentsOf.get(dep.id)?.length ?? 0) > 0);

  const failed = new Set(all.filter(isFailed).map(x => x.id));
  const recoveryHours: Record<string, number> = {};
  for (const dep of all) {
    if (!failed.has(dep.id)) continue;
    const resolved = (incidentsOf.get(dep.id) ?? [])
      .map(i => i.resolvedAt)
      .filter((x): x is string => !!x)
      .sort();
    let until: string | undefined = resolved[resolved.length - 1];
    if (!resolved.length) {
      const list = byEntity.get(dep.entityRef)!;
      until = list
        .slice(position.get(dep.id)! + 1)
        .find(x => x.status === 'success' && !failed.has(x.id))?.finishedAt;
    }
    if (until)
      recoveryHours[dep.id] =
        Math.round(((t(until) - t(dep.finishedAt)) / HOUR) * 1000) / 1000;
  }

  const rework = new Set(
    all
      .filter(
        dep =>
          dep.rollback ||
          (changesOf.get(dep.id) ?? []).some(
            c => c.labels?.includes('hotfix') || !!c.revertOf,
          ),
      )
      .map(x => x.id),
  );
  return {
    changeDeployment,
    leadTimeHours,
    incidentDeployment,
    failed,
    rework,
    recoveryHours,
  };
}

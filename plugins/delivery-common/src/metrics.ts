/**
 * Delivery flow metrics (DORA's five) computed from deployments, changes and
 * incidents of one scope (a component, a system, a team or the organisation)
 * over a window. Pure functions: the backend feeds them events (or daily
 * roll-ups of them) and the same definitions drive every number and its
 * drill-down.
 */

/** A deployment to an environment. @public */
export type DeploymentEvent = {
  id: string;
  entityRef: string;
  environment: string;
  /** When the deployment finished (ISO 8601). */
  finishedAt: string;
  status: 'success' | 'failure';
  /** A rollback (CDEvents `service.rolledback`): restores an earlier version. */
  rollback?: boolean;
  /** Changes explicitly shipped by this deployment; others are attributed by time. */
  changeIds?: string[];
};

/** A merged change (pull or merge request, or commit). @public */
export type ChangeEvent = {
  id: string;
  entityRef: string;
  firstCommitAt?: string;
  openedAt?: string;
  mergedAt: string;
  /** e.g. `hotfix`; a change labelled hotfix marks its deployment as rework. */
  labels?: string[];
  /** The change this one reverts: its deployment failed. */
  revertOf?: string;
};

/** An incident in production. @public */
export type IncidentEvent = {
  id: string;
  entityRef: string;
  startedAt: string;
  resolvedAt?: string;
  /** Explicit link to the deployment that caused it: wins over the time window. */
  deploymentId?: string;
};

/** How the numbers are defined; shown on every tile. @public */
export type FlowDefinitions = {
  environment: string;
  /** Where lead time starts. */
  leadTimeStart: 'first-commit' | 'pr-opened' | 'merged';
  /** An incident starting within this many hours after a deployment of the same entity counts against it. */
  failureWindowHours: number;
  /** Fewer observations than this: "not enough data", not a number. */
  minimumSample: number;
};

/** The definitions used unless `delivery.definitions` changes them. @public */
export const DEFAULT_FLOW_DEFINITIONS: FlowDefinitions = {
  environment: 'production',
  leadTimeStart: 'first-commit',
  failureWindowHours: 24,
  minimumSample: 5,
};

/** A distribution of durations in hours, or why there is none. @public */
export type Distribution =
  | { status: 'ok'; n: number; median: number; p75: number; p90: number }
  | { status: 'not-enough-data'; n: number };

/** A rate, or why there is none. @public */
export type Rate =
  | { status: 'ok'; n: number; numerator: number; rate: number }
  | { status: 'not-enough-data'; n: number };

/** DORA's five metrics of one entity, team or organisation over a window. @public */
export type FlowMetrics = {
  window: { from: string; to: string; days: number };
  deploymentFrequency: {
    deployments: number;
    perDay: number;
    /** Days with at least one deployment, per week of the window. */
    deployDaysPerWeek: number;
  };
  leadTimeHours: Distribution;
  changeFailRate: Rate;
  recoveryTimeHours: Distribution;
  reworkRate: Rate;
  coverage: {
    /** Share of deployments with at least one change attributed. */
    deploymentsWithChanges: number;
    /** Incidents in the window linked to no deployment (explicitly or by time). */
    incidentsWithoutDeployment: number;
  };
  /** What each number is made of, for drill-down. */
  attribution: {
    /** change id → deployment id */
    changeDeployment: Record<string, string>;
    failedDeployments: string[];
    reworkDeployments: string[];
    incidentDeployment: Record<string, string>;
  };
};

const HOUR = 3_600_000;
const t = (iso: string) => Date.parse(iso);

function quantile(sorted: number[], q: number) {
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo);
}

const round2 = (n: number) => Math.round(n * 100) / 100;

/**
 * Median, p75 and p90 (linear interpolation, 2 decimals) of durations, or not enough data below the
 * minimum sample.
 *
 * @public
 */
export function distribution(
  hours: number[],
  minimumSample: number,
): Distribution {
  if (hours.length < minimumSample)
    return { status: 'not-enough-data', n: hours.length };
  const s = [...hours].sort((a, b) => a - b);
  return {
    status: 'ok',
    n: s.length,
    median: round2(quantile(s, 0.5)),
    p75: round2(quantile(s, 0.75)),
    p90: round2(quantile(s, 0.9)),
  };
}

/** A rate of numerator over n (3 decimals), or not enough data below the minimum sample. @public */
export function rate(
  numerator: number,
  n: number,
  minimumSample: number,
): Rate {
  if (n < minimumSample) return { status: 'not-enough-data', n };
  return {
    status: 'ok',
    n,
    numerator,
    rate: Math.round((numerator / n) * 1000) / 1000,
  };
}

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

/**
 * The five metrics for events of one scope in `[from, to)`:
 *
 * - **Deployment frequency**: successful deployments to the environment
 *   (rollbacks included: they are deployments), per day, and distinct
 *   deployment days per week.
 * - **Change lead time**: for every change shipped in the window, from its
 *   start (`leadTimeStart`) to the deployment that shipped it — the one that
 *   lists it, else the first *successful* deployment of the same entity at or
 *   after its merge. Changes merged before a long gap are thus attributed to
 *   the deployment that really shipped them, not to an earlier failed one.
 * - **Change fail rate**: deployments that failed — status failure, followed
 *   by a rollback of the same entity, reverted by a later change, or causing
 *   an incident (linked explicitly, else starting within
 *   `failureWindowHours` after it, attributed to the latest deployment of
 *   that entity before the incident) — over all deployments.
 * - **Failed deployment recovery time**: from a failed deployment to its
 *   incident's resolution when it has one, else to the next successful
 *   deployment of the same entity.
 * - **Deployment rework rate**: deployments shipping a change labelled
 *   `hotfix` or a revert, or rollbacks, over all deployments.
 *
 * Too few observations give "not enough data", never a number.
 *
 * @public
 */
export function computeFlowMetrics(input: {
  deployments: DeploymentEvent[];
  changes: ChangeEvent[];
  incidents: IncidentEvent[];
  from: string;
  to: string;
  definitions?: Partial<FlowDefinitions>;
}): FlowMetrics {
  const d = { ...DEFAULT_FLOW_DEFINITIONS, ...input.definitions };
  const from = t(input.from);
  const to = t(input.to);
  const days = Math.max(1, Math.round((to - from) / (24 * HOUR)));
  const inWindow = (iso: string) => t(iso) >= from && t(iso) < to;
  const a = attributeFlow({ ...input, definitions: d });

  const windowDeps = input.deployments
    .filter(x => x.environment === d.environment && inWindow(x.finishedAt))
    .sort(
      (x, y) => t(x.finishedAt) - t(y.finishedAt) || x.id.localeCompare(y.id),
    );
  const windowIds = new Set(windowDeps.map(x => x.id));
  const successful = windowDeps.filter(x => x.status === 'success');
  const deployDays = new Set(successful.map(x => x.finishedAt.slice(0, 10)));
  const shippedInWindow = Object.keys(a.changeDeployment).filter(c =>
    windowIds.has(a.changeDeployment[c]),
  );
  const withChanges = new Set(shippedInWindow.map(c => a.changeDeployment[c]));
  const failedDeps = windowDeps.filter(x => a.failed.has(x.id));
  const recovery = failedDeps
    .map(x => a.recoveryHours[x.id])
    .filter((h): h is number => h !== undefined);
  const rework = windowDeps.filter(x => a.rework.has(x.id));
  const windowIncidents = input.incidents.filter(i => inWindow(i.startedAt));

  return {
    window: { from: input.from, to: input.to, days },
    deploymentFrequency: {
      deployments: successful.length,
      perDay: Math.round((successful.length / days) * 100) / 100,
      deployDaysPerWeek: Math.round((deployDays.size / days) * 7 * 100) / 100,
    },
    leadTimeHours: distribution(
      shippedInWindow.map(c => a.leadTimeHours[c]),
      d.minimumSample,
    ),
    changeFailRate: rate(failedDeps.length, windowDeps.length, d.minimumSample),
    recoveryTimeHours: distribution(recovery, d.minimumSample),
    reworkRate: rate(rework.length, windowDeps.length, d.minimumSample),
    coverage: {
      deploymentsWithChanges: windowDeps.length
        ? Math.round((withChanges.size / windowDeps.length) * 1000) / 1000
        : 0,
      incidentsWithoutDeployment: windowIncidents.filter(
        i => !a.incidentDeployment[i.id],
      ).length,
    },
    attribution: {
      changeDeployment: a.changeDeployment,
      failedDeployments: failedDeps.map(x => x.id),
      reworkDeployments: rework.map(x => x.id),
      incidentDeployment: a.incidentDeployment,
    },
  };
}

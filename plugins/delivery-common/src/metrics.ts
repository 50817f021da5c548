/**
 * Delivery flow metrics (DORA's five) computed from deployments, changes and
 * incidents of one scope (a component, a system, a team or the organisation)
 * over a window. Pure functions: the backend feeds them events (or daily
 * roll-ups of them) and the same definitions drive every number and its
 * drill-down.
 */

import { attributeFlow } from './attribution';
import {
  ChangeEvent,
  DEFAULT_FLOW_DEFINITIONS,
  DeploymentEvent,
  FlowDefinitions,
  IncidentEvent,
} from './definitions';

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

/**
 * What delivery numbers are computed from (deployments, changes and incidents
 * of one environment) and how they are defined.
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

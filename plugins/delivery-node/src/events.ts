/**
 * Delivery events as every source delivers them to the ledger: a CDEvent,
 * a GitHub, GitLab or PagerDuty webhook and the GitHub backfill all become
 * one of these, naming their entity directly or through an annotation.
 */

/** How an event names its catalog entity. @public */
export type EntityHint =
  | { entityRef: string }
  | { annotation: string; value: string };

/**
 * A deployment of an entity to an environment, finished with a status (times in epoch
 * milliseconds).
 *
 * @public
 */
export type IncomingDeployment = {
  kind: 'deployment';
  id: string;
  entity: EntityHint;
  environment: string;
  finishedAt: number;
  status: 'success' | 'failure';
  rollback: boolean;
  changeIds?: string[];
  version?: string;
  url?: string;
};

/**
 * A merged change of an entity (times in epoch milliseconds); `revertOf` names the change it
 * reverts.
 *
 * @public
 */
export type IncomingChange = {
  kind: 'change';
  id: string;
  entity: EntityHint;
  mergedAt: number;
  firstCommitAt?: number;
  openedAt?: number;
  labels: string[];
  revertOf?: string;
  title?: string;
  url?: string;
};

/** A state of an incident: detected (`startedAt`) and/or resolved. @public */
export type IncomingIncident = {
  kind: 'incident';
  id: string;
  entity: EntityHint;
  environment: string;
  startedAt?: number;
  resolvedAt?: number;
  deploymentId?: string;
  title?: string;
  url?: string;
};

/** Any event a source files: a deployment, a change or an incident. @public */
export type IncomingEvent =
  | IncomingDeployment
  | IncomingChange
  | IncomingIncident;

/** A source's event with where it came from. @public */
export type SourcedEvent = { source: string; event: IncomingEvent };

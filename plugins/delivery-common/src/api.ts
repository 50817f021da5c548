import { FlowDefinitions } from './definitions';
import { FlowSummary, WeeklySeries } from './rollup';

/** The scope a summary is about. @public */
export type FlowScope =
  | { kind: 'entity'; entityRef: string }
  | { kind: 'team'; teamRef: string; includeChildTeams: boolean }
  | { kind: 'org' };

/** GET /metrics answer. @public */
export type FlowSummaryResponse = {
  scope: FlowScope;
  /** Catalog entities the numbers are made of (components of a system, teams of a team). */
  members: string[];
  environment: string;
  definitions: FlowDefinitions;
  /** Environments with any deployment in the scope. */
  environments: string[];
  summary: FlowSummary;
  /** The team's own targets, when configured. */
  targets?: FlowTargets;
};

/** Per-team targets (config `delivery.targets`). @public */
export type FlowTargets = {
  deploymentsPerDay?: number;
  leadTimeHours?: number;
  changeFailRate?: number;
  recoveryTimeHours?: number;
  reworkRate?: number;
};

/** One team's row of the organisation page. @public */
export type TeamFlowRow = {
  teamRef: string;
  /** The five metrics over the window; the weekly trend is `weekly`. */
  summary: Omit<FlowSummary, 'trend'>;
  /**
   * The team's weekly trend, one value per complete week of the answer's
   * `weeks` (`seriesTrend(org.weeks, row.weekly)` gives the points); absent
   * when asked without (`teamTrends=false`).
   */
  weekly?: WeeklySeries;
  /** The team's own targets, when configured (`delivery.targets`). */
  targets?: FlowTargets;
};

/** GET /metrics/org/teams answer. @public */
export type OrgFlowResponse = {
  environment: string;
  definitions: FlowDefinitions;
  window: { from: string; to: string };
  organisation: FlowSummary;
  /**
   * The window's complete weeks (Mondays), oldest first: the weeks of each
   * team's `weekly`. Team trends leave out the weeks the window covers in
   * part, as charts and comparisons do (the organisation's `trend` has them).
   */
  weeks: string[];
  teams: TeamFlowRow[];
  /**
   * The catalog's teams (groups of type team) with no delivery events in
   * the window: no source connected, or nothing deployed.
   */
  teamsWithoutEvents: string[];
};

/** A deployment as drill-down shows it. @public */
export type DeploymentRecord = {
  id: string;
  entityRef: string;
  teamRef: string | null;
  environment: string;
  finishedAt: string;
  status: 'success' | 'failure';
  rollback: boolean;
  version?: string;
  url?: string;
  source: string;
  failed: boolean;
  rework: boolean;
  recoveryHours: number | null;
  changes: number;
};

/**
 * A change as the drill-down shows it: the deployment that shipped it and its lead time, if any.
 *
 * @public
 */
export type ChangeRecord = {
  id: string;
  entityRef: string;
  title?: string;
  url?: string;
  mergedAt: string;
  firstCommitAt?: string;
  openedAt?: string;
  labels: string[];
  revertOf?: string;
  deploymentId: string | null;
  leadTimeHours: number | null;
};

/** An incident as the drill-down shows it: the deployment it is blamed on, and how. @public */
export type IncidentRecord = {
  id: string;
  entityRef: string;
  title?: string;
  url?: string;
  startedAt: string;
  resolvedAt?: string;
  deploymentId: string | null;
  /** `explicit` when the source linked it, `window` when matched by time. */
  link: 'explicit' | 'window' | null;
};

/** GET /events answer (drill-down). @public */
export type DrillDownResponse = {
  deployments: DeploymentRecord[];
  changes: ChangeRecord[];
  incidents: IncidentRecord[];
  /** More rows exist than returned (limit). */
  truncated: boolean;
};

/** One rejected event of a batch. @public */
export type IngestProblem = { index: number; id?: string; message: string };

/** POST /events answer. @public */
export type IngestResult = {
  accepted: number;
  /** Events already stored with the same content (idempotent). */
  duplicates: number;
  updated: number;
  rejected: IngestProblem[];
};

import { ChangeEvent, DeploymentEvent, IncidentEvent } from './definitions';
import { FlowAttribution } from './attribution';
import { HISTOGRAM_BUCKETS, bucketOf, addInto } from './histogram';

/** One day of one scope. @public */
export type DailyRollup = {
  /** YYYY-MM-DD (UTC) */
  day: string;
  /** All deployments to the environment that finished that day. */
  deployments: number;
  successful: number;
  failed: number;
  rework: number;
  /** Deployments with at least one change attributed. */
  withChanges: number;
  /** Incidents that started that day, and those linked to no deployment. */
  incidents: number;
  unlinkedIncidents: number;
  /** Exact durations in hours, when the row keeps them (entity rows). */
  leadTimes?: number[];
  recoveryTimes?: number[];
  leadHistogram: number[];
  recoveryHistogram: number[];
};

/** A day with nothing judged into it. @public */
export function emptyRollup(day: string): DailyRollup {
  return {
    day,
    deployments: 0,
    successful: 0,
    failed: 0,
    rework: 0,
    withChanges: 0,
    incidents: 0,
    unlinkedIncidents: 0,
    leadTimes: [],
    recoveryTimes: [],
    leadHistogram: new Array(HISTOGRAM_BUCKETS).fill(0),
    recoveryHistogram: new Array(HISTOGRAM_BUCKETS).fill(0),
  };
}

/** A day row of one entity, owned by one team at event time. @public */
export type EntityDailyRollup = DailyRollup & {
  entityRef: string;
  teamRef: string | null;
  environment: string;
};

const dayOf = (iso: string) => new Date(iso).toISOString().slice(0, 10);

/**
 * Rolls judged events of one environment up per entity, owning team (at
 * event time) and day. Lead times count on the day of the deployment that
 * shipped the change, recovery on the day of the failed deployment,
 * incidents on the day they started. Only days in `days` (when given) are
 * produced — the backend recomputes the days it has full context for.
 *
 * @public
 */
export function rollupDays(input: {
  environment: string;
  deployments: Array<DeploymentEvent & { teamRef?: string | null }>;
  changes: ChangeEvent[];
  incidents: Array<IncidentEvent & { teamRef?: string | null }>;
  attribution: FlowAttribution;
  days?: (day: string) => boolean;
}): EntityDailyRollup[] {
  const rows = new Map<string, EntityDailyRollup>();
  const row = (entityRef: string, teamRef: string | null, day: string) => {
    const key = `${entityRef}\u0000${teamRef ?? ''}\u0000${day}`;
    let r = rows.get(key);
    if (!r) {
      r = {
        ...emptyRollup(day),
        entityRef,
        teamRef,
        environment: input.environment,
      };
      rows.set(key, r);
    }
    return r;
  };
  const wanted = input.days ?? (() => true);
  const a = input.attribution;
  const shipped = new Map<string, number[]>();
  for (const [change, dep] of Object.entries(a.changeDeployment)) {
    const list = shipped.get(dep);
    if (list) list.push(a.leadTimeHours[change]);
    else shipped.set(dep, [a.leadTimeHours[change]]);
  }
  for (const dep of input.deployments) {
    if (dep.environment !== input.environment) continue;
    const day = dayOf(dep.finishedAt);
    if (!wanted(day)) continue;
    const r = row(dep.entityRef, dep.teamRef ?? null, day);
    r.deployments += 1;
    if (dep.status === 'success') r.successful += 1;
    if (a.failed.has(dep.id)) r.failed += 1;
    if (a.rework.has(dep.id)) r.rework += 1;
    const leads = shipped.get(dep.id) ?? [];
    if (leads.length) r.withChanges += 1;
    for (const h of leads) {
      r.leadTimes!.push(h);
      r.leadHistogram[bucketOf(h)] += 1;
    }
    const rec = a.recoveryHours[dep.id];
    if (rec !== undefined) {
      r.recoveryTimes!.push(rec);
      r.recoveryHistogram[bucketOf(rec)] += 1;
    }
  }
  for (const inc of input.incidents) {
    const day = dayOf(inc.startedAt);
    if (!wanted(day)) continue;
    const r = row(inc.entityRef, inc.teamRef ?? null, day);
    r.incidents += 1;
    if (!a.incidentDeployment[inc.id]) r.unlinkedIncidents += 1;
  }
  return [...rows.values()];
}

/** Adds rows of the same day (several entities or teams) into one. @public */
export function mergeRollups(day: string, rows: DailyRollup[]): DailyRollup {
  const out = emptyRollup(day);
  let exact = true;
  for (const r of rows) {
    out.deployments += r.deployments;
    out.successful += r.successful;
    out.failed += r.failed;
    out.rework += r.rework;
    out.withChanges += r.withChanges;
    out.incidents += r.incidents;
    out.unlinkedIncidents += r.unlinkedIncidents;
    addInto(out.leadHistogram, r.leadHistogram);
    addInto(out.recoveryHistogram, r.recoveryHistogram);
    if (r.leadTimes && r.recoveryTimes) {
      out.leadTimes!.push(...r.leadTimes);
      out.recoveryTimes!.push(...r.recoveryTimes);
    } else exact = false;
  }
  if (!exact) {
    delete out.leadTimes;
    delete out.recoveryTimes;
  }
  return out;
}

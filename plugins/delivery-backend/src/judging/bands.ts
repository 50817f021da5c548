import { ContextBand, TimelineRow } from '../database/DeliveryStore';

const DAY = 86_400_000;
const dayStart = (ms: number) => Math.floor(ms / DAY) * DAY;

type Band = ContextBand;

/**
 * How far around an entity's new events (`[a, b]`) verdicts can change,
 * from its stored deployments (each environment's, in time order):
 *
 * - back: the deployment just before `a` (a rollback or a deployment after
 *   it changes what follows it; an incident after `a` can be pinned on it),
 *   and before that every deployment after the latest successful one not
 *   failed — the failed ones in between recover at the first such
 *   deployment after them, which the new events may change. That latest
 *   successful one cannot change (nothing new follows it directly or falls
 *   in its failure window) and stays outside, with its stored verdict. Reverts, explicit incident links and
 *   explicit change lists that reach further back are queued at the
 *   instant they reach (see `DeliveryService.ingest`).
 * - forward: the failure window after `b` (incidents there may now be
 *   pinned on a new deployment) and the first successful deployment after
 *   `b` (it shipped the changes a new deployment may now ship).
 *
 * Neither side reaches further than `horizon`; bands are whole UTC days.
 */
export function bandsOf(options: {
  ranges: Map<string, { a: number; b: number }>;
  timeline: TimelineRow[];
  failureWindow: number;
  horizon: number;
}): Band[] {
  const { failureWindow, horizon } = options;
  const lists = new Map<string, typeof options.timeline>();
  for (const d of options.timeline) {
    const key = `${d.entityRef}\u0000${d.environment}`;
    const list = lists.get(key);
    if (list) list.push(d);
    else lists.set(key, [d]);
  }
  const byEntity = new Map<string, Array<typeof options.timeline>>();
  for (const list of lists.values()) {
    list.sort(
      (x, y) => x.finishedAt - y.finishedAt || x.id.localeCompare(y.id),
    );
    const ref = list[0].entityRef;
    byEntity.set(ref, [...(byEntity.get(ref) ?? []), list]);
  }
  const bands: Band[] = [];
  for (const [entityRef, { a, b }] of options.ranges) {
    let from = a;
    let to = b + failureWindow;
    for (const list of byEntity.get(entityRef) ?? []) {
      let idx = list.findIndex(d => d.finishedAt >= a);
      if (idx < 0) idx = list.length;
      for (let j = idx - 1; j >= 0; j--) {
        if (list[j].finishedAt < a - horizon) {
          from = Math.min(from, a - horizon);
          break;
        }
        // The latest successful, unfailed deployment before the one just
        // before the new events stays as it is: the band starts after it.
        if (j < idx - 1 && list[j].status === 'success' && !list[j].failed)
          break;
        from = Math.min(from, list[j].finishedAt);
      }
      const next = list.find(
        d => d.finishedAt > b && d.status === 'success' && !d.rollback,
      );
      if (next) to = Math.max(to, Math.min(next.finishedAt, b + horizon));
    }
    // Changes merged after each environment's last successful deployment
    // before the band are not shipped there yet (a change shipped to
    // staging but not to production, say).
    const bandFrom = dayStart(from);
    let changesFrom = bandFrom;
    for (const list of byEntity.get(entityRef) ?? []) {
      const last = list.filter(
        d => d.finishedAt < bandFrom && d.status === 'success' && !d.rollback,
      );
      changesFrom = Math.min(
        changesFrom,
        last.length ? last[last.length - 1].finishedAt : a - horizon,
      );
    }
    bands.push({
      entityRef,
      from: bandFrom,
      to: dayStart(to) + DAY,
      changesFrom,
    });
  }
  return bands;
}

import {
  OrgSnapshot,
  StructuralLoadBand,
} from '@teamflow/plugin-teamflow-common';

const DAY = 86_400_000;
const LOWER: Record<StructuralLoadBand, StructuralLoadBand> = {
  low: 'low',
  moderate: 'low',
  high: 'moderate',
  overloaded: 'high',
};

const dayBefore = (day: string, days: number) =>
  new Date(Date.parse(`${day}T00:00:00Z`) - days * DAY)
    .toISOString()
    .slice(0, 10);

/**
 * Six months of weekly snapshots before `current`, telling a story any
 * organisation can carry (chosen from what `current` holds, so the demo's
 * history ends exactly where its catalog is today):
 * - 12 weeks ago a team was created (the last enabling team, else the last
 *   team), taking over components its future owner's busiest neighbour held;
 * - 6 weeks ago a reorganisation: the busiest team took two components from
 *   the team owning fewest, and a stream-aligned team was retyped from
 *   complicated-subsystem;
 * - 2 weeks ago two dependencies nobody declared appeared;
 * - last week the overdue collaborations passed their review date and the
 *   teams now at high or overloaded structural load crossed into it;
 * - the team with most open debt (by score) saw it grow in each of the last
 *   four weeks, flat before (today's signals; other signals stay as today).
 * Returned oldest first, without `current` itself.
 */
export function demoHistory(current: OrgSnapshot, weeks = 26): OrgSnapshot[] {
  const ownedCount = new Map<string, string[]>();
  for (const [ref, owner] of Object.entries(current.owners))
    if (owner) ownedCount.set(owner, [...(ownedCount.get(owner) ?? []), ref]);
  const teamRefs = current.teams.map(t => t.ref).sort();
  const components = (team: string) => (ownedCount.get(team) ?? []).sort();
  const byCount = [...teamRefs].sort(
    (a, b) => components(b).length - components(a).length || a.localeCompare(b),
  );
  const busiest = byCount[0];
  const created =
    [...current.teams]
      .filter(t => t.type === 'enabling' && t.ref !== busiest)
      .map(t => t.ref)
      .sort()
      .pop() ?? teamRefs.filter(t => t !== busiest).pop();
  const giver = byCount
    .filter(t => t !== busiest && t !== created && components(t).length > 0)
    .pop();
  const moved = giver ? components(busiest).slice(0, 2) : [];
  const retyped = current.teams
    .filter(
      t =>
        t.type === 'stream-aligned' && t.ref !== busiest && t.ref !== created,
    )
    .map(t => t.ref)
    .sort()[0];
  const newUndeclared = new Set(
    current.edges
      .filter(e => e.classification === 'observed-undeclared')
      .slice(0, 2)
      .map(e => `${e.from}\u0000${e.to}`),
  );

  const indebted = [...current.teams]
    .filter(t => (t.signals?.debt?.score ?? 0) > 0)
    .sort(
      (a, b) =>
        b.signals!.debt!.score - a.signals!.debt!.score ||
        a.ref.localeCompare(b.ref),
    )[0]?.ref;

  const out: OrgSnapshot[] = [];
  for (let w = 1; w <= weeks; w++) {
    const s: OrgSnapshot = JSON.parse(JSON.stringify(current));
    s.takenOn = dayBefore(current.takenOn, 7 * w);
    if (w >= 1) {
      for (const e of s.edges) e.overdue = false;
      for (const l of s.load)
        if (l.band === 'high' || l.band === 'overloaded') {
          l.band = LOWER[l.band];
          l.score = Math.round(l.score * 0.8 * 10) / 10;
        }
    }
    for (const t of s.teams)
      if (t.ref === indebted && t.signals?.debt) {
        const { score, open } = t.signals.debt;
        const back = Math.min(w, 4);
        t.signals.debt = {
          score: Math.round(score * (1 - 0.08 * back) * 10) / 10,
          open: Math.max(1, open - back),
        };
      }
    if (w >= 2)
      s.edges = s.edges.filter(
        e => !newUndeclared.has(`${e.from}\u0000${e.to}`),
      );
    if (w >= 6) {
      for (const ref of moved) s.owners[ref] = giver!;
      for (const t of s.teams)
        if (t.ref === retyped) t.type = 'complicated-subsystem';
    }
    if (w >= 12 && created) {
      s.teams = s.teams.filter(t => t.ref !== created);
      s.edges = s.edges.filter(e => e.from !== created && e.to !== created);
      s.load = s.load.filter(l => l.teamRef !== created);
      for (const [ref, owner] of Object.entries(s.owners))
        if (owner === created) s.owners[ref] = busiest;
    }
    out.push(s);
  }
  return out.reverse();
}

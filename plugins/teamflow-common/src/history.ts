import { StructuralLoad, StructuralLoadBand } from './structuralLoad';
import { TeamEdgeClass, TeamGraph } from './teamGraph';
import { TeamType } from './vocabulary';

/**
 * The organisation on one day, as the history keeps it: teams with their
 * type, who owns each component, the team dependency graph's edges with
 * their classification, and each team's structural load.
 *
 * @public
 */
export type OrgSnapshot = {
  /** YYYY-MM-DD (UTC). */
  takenOn: string;
  teams: Array<{
    ref: string;
    title: string;
    type: TeamType | 'undeclared';
    valueStream?: string;
    members: number;
  }>;
  /** Component ref → owning group (null: none). */
  owners: Record<string, string | null>;
  edges: Array<{
    from: string;
    to: string;
    classification: TeamEdgeClass;
    blocking: boolean;
    overdue: boolean;
  }>;
  load: Array<{ teamRef: string; score: number; band: StructuralLoadBand }>;
};

/** The snapshot of a derived team graph, its loads and component owners. @public */
export function orgSnapshotOf(
  takenOn: string,
  graph: TeamGraph,
  load: StructuralLoad[],
  components: Array<{ ref: string; owner?: string }>,
): OrgSnapshot {
  return {
    takenOn,
    teams: graph.nodes.map(n => ({
      ref: n.ref,
      title: n.title,
      type: n.type,
      ...(n.valueStream ? { valueStream: n.valueStream } : {}),
      members: n.members,
    })),
    owners: Object.fromEntries(components.map(c => [c.ref, c.owner ?? null])),
    edges: graph.edges.map(e => ({
      from: e.from,
      to: e.to,
      classification: e.classification,
      blocking: e.blocking,
      overdue: e.overdue,
    })),
    load: load.map(l => ({ teamRef: l.teamRef, score: l.score, band: l.band })),
  };
}

/**
 * One thing that changed between two snapshots. `refs` are the entities it
 * is about (for links and for hiding what a reader may not see).
 *
 * @public
 */
export type OrgChange =
  | { kind: 'team-created'; refs: [string]; title: string }
  | { kind: 'team-removed'; refs: [string]; title: string }
  | {
      kind: 'team-retyped';
      refs: [string];
      title: string;
      from: string;
      to: string;
    }
  | {
      kind: 'owner-moved';
      /** The component, then the new owner, then the old one (when any). */
      refs: string[];
      from: string | null;
      to: string | null;
    }
  | { kind: 'undeclared-dependency'; refs: [string, string] }
  | { kind: 'review-overdue'; refs: [string, string] }
  | {
      kind: 'load-band';
      refs: [string];
      title: string;
      from: StructuralLoadBand;
      to: StructuralLoadBand;
      score: number;
    };

const BAND_ORDER: StructuralLoadBand[] = [
  'low',
  'moderate',
  'high',
  'overloaded',
];

/**
 * What changed from `before` to `after`: teams created, removed or
 * retyped; components that changed owner; dependencies between teams that
 * are observed but undeclared and were not so before (new, or a declaration
 * dropped); collaborations whose review date passed (once per pair of
 * teams, though the graph has an edge each way); teams whose structural
 * load moved to another band. In that order, each group sorted by ref.
 *
 * @public
 */
export function diffSnapshots(
  before: OrgSnapshot,
  after: OrgSnapshot,
): OrgChange[] {
  const out: OrgChange[] = [];
  const teamsBefore = new Map(before.teams.map(t => [t.ref, t]));
  const teamsAfter = new Map(after.teams.map(t => [t.ref, t]));
  const byRef = <T extends { ref: string }>(a: T, b: T) =>
    a.ref.localeCompare(b.ref);
  for (const t of [...after.teams].sort(byRef)) {
    const was = teamsBefore.get(t.ref);
    if (!was) out.push({ kind: 'team-created', refs: [t.ref], title: t.title });
  }
  for (const t of [...before.teams].sort(byRef))
    if (!teamsAfter.has(t.ref))
      out.push({ kind: 'team-removed', refs: [t.ref], title: t.title });
  for (const t of [...after.teams].sort(byRef)) {
    const was = teamsBefore.get(t.ref);
    if (was && was.type !== t.type)
      out.push({
        kind: 'team-retyped',
        refs: [t.ref],
        title: t.title,
        from: was.type,
        to: t.type,
      });
  }
  for (const ref of Object.keys(after.owners).sort()) {
    if (!(ref in before.owners)) continue;
    const from = before.owners[ref];
    const to = after.owners[ref];
    if (from !== to)
      out.push({
        kind: 'owner-moved',
        refs: [ref, ...(to ? [to] : []), ...(from ? [from] : [])],
        from,
        to,
      });
  }
  const key = (e: { from: string; to: string }) => `${e.from}\u0000${e.to}`;
  const edgesBefore = new Map(before.edges.map(e => [key(e), e]));
  const edgesAfter = [...after.edges].sort((a, b) =>
    key(a).localeCompare(key(b)),
  );
  for (const e of edgesAfter) {
    const was = edgesBefore.get(key(e));
    if (
      e.classification === 'observed-undeclared' &&
      was?.classification !== 'observed-undeclared'
    )
      out.push({ kind: 'undeclared-dependency', refs: [e.from, e.to] });
  }
  // One line per interaction: a collaboration shows as an edge each way.
  const overdue = new Set<string>();
  for (const e of edgesAfter) {
    const was = edgesBefore.get(key(e));
    const pair = [e.from, e.to].sort().join('\u0000');
    if (e.overdue && was && !was.overdue && !overdue.has(pair)) {
      overdue.add(pair);
      out.push({ kind: 'review-overdue', refs: [e.from, e.to] });
    }
  }
  const loadBefore = new Map(before.load.map(l => [l.teamRef, l]));
  for (const l of [...after.load].sort((a, b) =>
    a.teamRef.localeCompare(b.teamRef),
  )) {
    const was = loadBefore.get(l.teamRef);
    if (was && was.band !== l.band)
      out.push({
        kind: 'load-band',
        refs: [l.teamRef],
        title: teamsAfter.get(l.teamRef)?.title ?? l.teamRef,
        from: was.band,
        to: l.band,
        score: l.score,
      });
  }
  return out;
}

/** What changed between two days, and which snapshots answered. @public */
export type ChangesResponse =
  | {
      status: 'ok';
      from: { requested: string; snapshotOn: string };
      to: { requested: string; snapshotOn: string };
      changes: OrgChange[];
    }
  | {
      status: 'not-enough-history';
      /** The first day with a snapshot (none: no history at all). */
      earliest?: string;
    };

/** True when a load-band change goes up (towards overloaded). @public */
export function isLoadRise(change: { from: string; to: string }) {
  return (
    BAND_ORDER.indexOf(change.to as StructuralLoadBand) >
    BAND_ORDER.indexOf(change.from as StructuralLoadBand)
  );
}

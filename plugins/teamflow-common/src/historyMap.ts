import { TeamEdge, TeamNode, hubThreshold } from './teamGraph';
import { TeamGraphFilter, TeamMap, filterTeamGraph } from './overview';
import type { OrgSnapshot } from './historySnapshot';

/**
 * The dependency map as a snapshot kept it, for the map "as of" a day:
 * teams with their type, value stream, size and number of owned
 * components; team edges with their classification, flags and weight (1
 * where the snapshot predates weights). History keeps neither the
 * entity-level edges nor the interactions behind an edge, nor teams'
 * domains: those are empty. Built straight into the map's shape (60,000
 * edges at 2,000 teams: no intermediate copies).
 *
 * @public
 */
export function teamMapOfSnapshot(
  snapshot: OrgSnapshot,
  filter: TeamGraphFilter,
): TeamMap {
  const owned = new Map<string, number>();
  for (const owner of Object.values(snapshot.owners))
    if (owner) owned.set(owner, (owned.get(owner) ?? 0) + 1);
  const nodes: TeamNode[] = snapshot.teams.map(t => ({
    ref: t.ref,
    title: t.title,
    type: t.type,
    ...(t.valueStream ? { valueStream: t.valueStream } : {}),
    members: t.members,
    owned: {
      component: owned.get(t.ref) ?? 0,
      api: 0,
      system: 0,
      resource: 0,
      domain: 0,
    },
    domains: [],
    outbound: 0,
    inbound: 0,
    manyInbound: false,
    manyOutbound: false,
  }));
  const byRef = new Map(nodes.map(n => [n.ref, n]));
  const edges: TeamMap['edges'] = [];
  for (const e of snapshot.edges) {
    const from = byRef.get(e.from);
    const to = byRef.get(e.to);
    if (!from || !to) continue;
    const weight = e.weight ?? (e.classification === 'declared-only' ? 0 : 1);
    if (weight > 0) {
      from.outbound += 1;
      to.inbound += 1;
    }
    edges.push({
      from: e.from,
      to: e.to,
      weight,
      declared: [],
      classification: e.classification,
      blocking: e.blocking,
      overdue: e.overdue,
    });
  }
  const thresholds = {
    inbound: hubThreshold(nodes.map(n => n.inbound)),
    outbound: hubThreshold(nodes.map(n => n.outbound)),
  };
  for (const n of nodes) {
    n.manyInbound = n.inbound > thresholds.inbound;
    n.manyOutbound = n.outbound > thresholds.outbound;
  }
  const unfiltered =
    !filter.valueStream &&
    !filter.domain &&
    !filter.types?.length &&
    !filter.problems;
  // The filter reads only what a past map has (no entity-level edges).
  const shown = unfiltered
    ? { nodes, edges, matched: [] }
    : filterTeamGraph({ nodes, edges: edges as TeamEdge[] }, filter);
  return {
    generatedAt: snapshot.takenOn,
    thresholds,
    valueStreams: [...new Set(nodes.flatMap(n => n.valueStream ?? []))].sort(),
    domains: [],
    matched: unfiltered ? undefined : shown.matched,
    nodes: shown.nodes,
    edges: shown.edges,
  };
}

/** How the map of one day differs from another's. @public */
export type MapComparison = {
  /** The day compared with (its snapshot's). */
  with: string;
  /** Team edges (`from>to`) on the shown day, not on the other. */
  addedEdges: string[];
  /** Team edges of the other day gone by the shown one, as they were. */
  removedEdges: OrgSnapshot['edges'];
  addedTeams: string[];
  removedTeams: Array<{ ref: string; title: string }>;
};

/** What the map of `shown` adds to and removes from that of `other`. @public */
export function compareMaps(
  shown: OrgSnapshot,
  other: OrgSnapshot,
): MapComparison {
  const before = edgeIndex(other);
  const after = edgeIndex(shown);
  const has = (index: Map<string, Set<string>>, e: TeamMapEdgeKey) =>
    index.get(e.from)?.has(e.to) === true;
  const teamsBefore = new Set(other.teams.map(t => t.ref));
  const teamsAfter = new Set(shown.teams.map(t => t.ref));
  return {
    with: other.takenOn,
    addedEdges: [
      ...new Set(
        shown.edges.filter(e => !has(before, e)).map(e => `${e.from}>${e.to}`),
      ),
    ].sort(),
    removedEdges: other.edges.filter(e => !has(after, e)),
    addedTeams: [...teamsAfter].filter(r => !teamsBefore.has(r)).sort(),
    removedTeams: other.teams
      .filter(t => !teamsAfter.has(t.ref))
      .map(t => ({ ref: t.ref, title: t.title })),
  };
}

type TeamMapEdgeKey = { from: string; to: string };

// Snapshots are read-only once taken: each one's edges are indexed once,
// so the slider comparing many days with one does not index that one again.
const edgeIndexes = new WeakMap<OrgSnapshot, Map<string, Set<string>>>();

/** A snapshot's edges as from → set of to (no key strings built). */
function edgeIndex(snapshot: OrgSnapshot) {
  let index = edgeIndexes.get(snapshot);
  if (!index) {
    index = new Map();
    for (const e of snapshot.edges) {
      let to = index.get(e.from);
      if (!to) index.set(e.from, (to = new Set()));
      to.add(e.to);
    }
    edgeIndexes.set(snapshot, index);
  }
  return index;
}

/** GET /graph with `asOf` or `compareWith`: the map of a past day. @public */
export type HistoricTeamMap = TeamMap & {
  asOf: { requested: string; snapshotOn: string };
  comparison?: MapComparison;
};

import { TeamEdge, TeamNode } from '@teamflow/plugin-teamflow-common';
import { TeamGraphSnapshot } from '../services/TeamGraphService';

// Serialised answers per snapshot, keyed by filter: the same for every caller
// allowed to read the whole catalog, since they share the snapshot object. A
// caller seeing part of the catalog gets a new snapshot object on every request,
// so nothing is shared across callers. At most 32 filters per snapshot.
const answers = new WeakMap<TeamGraphSnapshot, Map<string, string>>();

/** The answer for `key` as JSON, computed once per snapshot. */
export function cached(
  snapshot: TeamGraphSnapshot,
  key: string,
  compute: () => unknown,
) {
  let bySnapshot = answers.get(snapshot);
  if (!bySnapshot) {
    bySnapshot = new Map();
    answers.set(snapshot, bySnapshot);
  }
  let json = bySnapshot.get(key);
  if (json === undefined) {
    json = JSON.stringify(compute());
    if (bySnapshot.size >= 32) bySnapshot.clear();
    bySnapshot.set(key, json);
  }
  return json;
}

// Teams by ref and each team's edges, built once per snapshot.
const indexes = new WeakMap<
  TeamGraphSnapshot,
  { nodes: Map<string, TeamNode>; edgesOf: Map<string, TeamEdge[]> }
>();

/** Teams by reference and each team's dependencies, for one snapshot. */
export function indexOf(snapshot: TeamGraphSnapshot) {
  let index = indexes.get(snapshot);
  if (!index) {
    const edgesOf = new Map<string, TeamEdge[]>();
    const add = (ref: string, edge: TeamEdge) => {
      const list = edgesOf.get(ref);
      if (list) list.push(edge);
      else edgesOf.set(ref, [edge]);
    };
    for (const edge of snapshot.graph.edges) {
      add(edge.from, edge);
      add(edge.to, edge);
    }
    index = {
      nodes: new Map(snapshot.graph.nodes.map(n => [n.ref, n])),
      edgesOf,
    };
    indexes.set(snapshot, index);
  }
  return index;
}

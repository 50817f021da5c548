import {
  TeamGraphFilter,
  TeamNode,
  isProblemEdge,
  TEAM_TYPES_OR_UNDECLARED,
} from '@teamflow/plugin-teamflow-common';
import { MapEdge, edgeLabel } from './mapGeometry';

/*
 * The dependency map's filters as they live in the URL (so a view can be
 * linked and Back returns to the last one), and what the map's side panels
 * count and list: pure, tested without a browser.
 */

/** The team types the map filters on: Team Topologies' four and "undeclared". */
export const MAP_TEAM_TYPES = TEAM_TYPES_OR_UNDECLARED;
const TYPE_SET = new Set<string>(MAP_TEAM_TYPES);

/** A default-namespace reference without its kind and namespace, for short lists. */
export const shortRef = (ref: string) => ref.replace(/^[a-z]+:default\//, '');

/** The filter a map URL asks for; unknown team types are left out. */
export function filterFromParams(params: URLSearchParams): TeamGraphFilter {
  const types = (params.get('type') ?? '')
    .split(',')
    .filter(t => TYPE_SET.has(t)) as TeamGraphFilter['types'];
  return {
    valueStream: params.get('valueStream') || undefined,
    domain: params.get('domain') || undefined,
    types: types?.length ? types : undefined,
    problems: params.get('problems') === 'true' || undefined,
  };
}

/** The URL parameters of a filter (only those set). */
export function paramsFromFilter(filter: TeamGraphFilter) {
  const params = new URLSearchParams();
  if (filter.valueStream) params.set('valueStream', filter.valueStream);
  if (filter.domain) params.set('domain', filter.domain);
  if (filter.types?.length) params.set('type', filter.types.join(','));
  if (filter.problems) params.set('problems', 'true');
  return params;
}

/** A chosen team's problem dependencies (blocking, overdue, undeclared…), in a line. */
export function problemsLine(
  edges: MapEdge[],
  ref: string,
  titles: Map<string, string>,
) {
  const problems = edges.filter(
    e => (e.from === ref || e.to === ref) && isProblemEdge(e),
  );
  return problems.length
    ? `Problems: ${problems.map(e => edgeLabel(e, titles)).join('; ')}`
    : 'No problem dependencies.';
}

/**
 * Interactions past their review date, as the overview counts them: a
 * collaboration is an edge each way but one interaction. A past map keeps no
 * interactions: there an overdue pair of teams counts once.
 */
export function overdueInteractions(edges: MapEdge[]): number {
  return new Set(
    edges.flatMap(e => {
      const refs = e.declared.filter(d => d.overdue).map(d => d.interactionRef);
      if (refs.length || !e.overdue) return refs;
      return [[e.from, e.to].sort().join('|')];
    }),
  ).size;
}

/**
 * What to look at first on a map: blocking dependencies, dependencies past
 * their review (once per pair of teams) and hotspot teams.
 */
export function lookFirst(map: { nodes: TeamNode[]; edges: MapEdge[] }) {
  const seen = new Set<string>();
  return {
    blocking: map.edges.filter(e => e.blocking),
    overdue: map.edges.filter(e => {
      if (!e.overdue) return false;
      const pair = [e.from, e.to].sort().join('|');
      if (seen.has(pair)) return false;
      seen.add(pair);
      return true;
    }),
    hotspots: map.nodes.filter(n => n.manyInbound || n.manyOutbound),
  };
}

import { StructuralLoad, StructuralLoadBand } from './structuralLoad';
import { TeamEdge, TeamGraph, TeamNode, isCoachingOnly } from './teamGraph';
import { TEAM_TYPES_OR_UNDECLARED, TeamType } from './vocabulary';

/** A map filter; every given criterion must hold. @public */
export type TeamGraphFilter = {
  valueStream?: string;
  /** A full domain ref, e.g. `domain:default/payments`. */
  domain?: string;
  types?: Array<TeamType | 'undeclared'>;
  /**
   * Only problems: observed-but-undeclared, blocking and overdue edges, and
   * teams with unusually many dependencies.
   */
  problems?: boolean;
};

/** A filtered map: `matched` teams plus the teams at the other end of their edges. @public */
export type FilteredTeamGraph = {
  nodes: TeamNode[];
  edges: TeamEdge[];
  /** Refs of the teams that match the filter; the other nodes are context. */
  matched: string[];
};

/** Whether a team edge is something to look at. @public */
export function isProblemEdge(
  edge: Pick<TeamEdge, 'classification' | 'blocking' | 'overdue'>,
) {
  return (
    edge.classification === 'observed-undeclared' ||
    edge.blocking ||
    edge.overdue
  );
}

/**
 * Narrows the map to the teams matching `filter` and the edges touching them;
 * the teams at the far end of those edges come along as context, so "value
 * stream X" shows what X depends on and who depends on X.
 *
 * @public
 */
export function filterTeamGraph(
  graph: Pick<TeamGraph, 'nodes' | 'edges'>,
  filter: TeamGraphFilter,
): FilteredTeamGraph {
  const types = filter.types?.length
    ? new Set<string>(filter.types)
    : undefined;
  const matches = (n: TeamNode) =>
    (!filter.valueStream || n.valueStream === filter.valueStream) &&
    (!filter.domain || n.domains.includes(filter.domain)) &&
    (!types || types.has(n.type));
  const matched = new Set(graph.nodes.filter(matches).map(n => n.ref));
  let edges = graph.edges.filter(e => matched.has(e.from) || matched.has(e.to));
  if (filter.problems) {
    edges = edges.filter(isProblemEdge);
    const flagged = graph.nodes.filter(
      n => matched.has(n.ref) && (n.manyInbound || n.manyOutbound),
    );
    const keep = new Set([
      ...edges.flatMap(e => [e.from, e.to]).filter(r => matched.has(r)),
      ...flagged.map(n => n.ref),
    ]);
    for (const ref of [...matched]) if (!keep.has(ref)) matched.delete(ref);
  }
  const shown = new Set([...matched, ...edges.flatMap(e => [e.from, e.to])]);
  return {
    nodes: graph.nodes.filter(n => shown.has(n.ref)),
    edges,
    matched: [...matched].sort(),
  };
}

/**
 * The map as the API serves it: the filtered graph without the entity-level
 * edges behind each team edge (weight says how many; they are served per team
 * or per edge), the fences for "unusually many", and the filter menus' facets
 * from the whole graph. `matched` only when a filter is given.
 *
 * @public
 */
export type TeamMap = {
  generatedAt: string;
  thresholds: TeamGraph['thresholds'];
  valueStreams: string[];
  domains: string[];
  matched?: string[];
  nodes: TeamNode[];
  edges: Array<Omit<TeamEdge, 'observed'>>;
};

/** Builds the {@link TeamMap} answer for a graph and filter. @public */
export function teamMap(
  graph: TeamGraph,
  filter: TeamGraphFilter,
  generatedAt: string,
): TeamMap {
  const unfiltered =
    !filter.valueStream &&
    !filter.domain &&
    !filter.types?.length &&
    !filter.problems;
  const { nodes, edges, matched } = filterTeamGraph(graph, filter);
  return {
    generatedAt,
    thresholds: graph.thresholds,
    valueStreams: [
      ...new Set(graph.nodes.flatMap(n => n.valueStream ?? [])),
    ].sort(),
    domains: [...new Set(graph.nodes.flatMap(n => n.domains))].sort(),
    matched: unfiltered ? undefined : matched,
    nodes,
    edges: edges.map(({ observed, ...edge }) => edge),
  };
}

/** A persona and the teams serving it, as the overview needs it. @public */
export type PersonaCoverageInput = {
  ref: string;
  title: string;
  servedBy: string[];
  /** Retired personas are left out of coverage, as on the persona coverage tab. */
  lifecycle?: string;
};

/** A component and its owner ref, as the overview needs it. @public */
export type ComponentOwnershipInput = {
  ref: string;
  title: string;
  owner?: string;
};

/** One line of the org-health scorecard. @public */
export type ScorecardItem = {
  id:
    | 'stream-aligned-with-persona'
    | 'teams-over-load-threshold'
    | 'blocking-dependencies'
    | 'overdue-collaborations'
    | 'components-not-owned-by-a-team'
    | 'teams-without-type';
  label: string;
  value: number;
  /** For shares: the denominator. */
  of?: number;
  status: 'good' | 'warning' | 'problem';
  /** What the number means and how it is counted. */
  description: string;
};

/** Everything the CTO overview shows, for what the caller may read. @public */
export type OrganisationOverview = {
  teams: {
    total: number;
    byType: Record<TeamType | 'undeclared', number>;
    byValueStream: Array<{ valueStream: string; teams: number }>;
  };
  dependencies: {
    teamEdges: number;
    entityEdges: number;
    declaredAndObserved: number;
    declaredOnly: number;
    /** Team pairs linked only by facilitating interactions, no system dependency. */
    coaching: number;
    observedUndeclared: number;
    blocking: number;
    /** Interactions past their review date (once each, not per direction). */
    overdue: number;
    teamsWithManyDependencies: string[];
  };
  load: {
    byBand: Record<StructuralLoadBand, number>;
    /** Highest scores first, at most 10. */
    highest: Array<{
      teamRef: string;
      score: number;
      band: StructuralLoadBand;
    }>;
  };
  personas: {
    total: number;
    served: number;
    unserved: PersonaCoverageInput[];
    streamAlignedWithout: string[];
  };
  ownership: {
    components: number;
    notOwnedByTeam: number;
    /** At most 50. */
    examples: ComponentOwnershipInput[];
  };
  scorecard: ScorecardItem[];
};

/** Overloaded band: the "load threshold" of the scorecard. @public */
export const LOAD_THRESHOLD_BAND: StructuralLoadBand = 'overloaded';

const countStatus = (n: number, problemFrom = 1): ScorecardItem['status'] => {
  if (n === 0) return 'good';
  return n >= problemFrom ? 'problem' : 'warning';
};

/**
 * The CTO overview and org-health scorecard from the team graph, the
 * structural loads, the personas and the components' owners. Scorecard rules
 * are documented in the package README.
 *
 * @public
 */
export function summariseOrganisation(input: {
  graph: Pick<TeamGraph, 'nodes' | 'edges'>;
  load: StructuralLoad[];
  personas: PersonaCoverageInput[];
  components: ComponentOwnershipInput[];
}): OrganisationOverview {
  const { graph, load, components } = input;
  const personas = input.personas.filter(p => p.lifecycle !== 'retired');
  const byType = Object.fromEntries(
    TEAM_TYPES_OR_UNDECLARED.map(t => [t, 0]),
  ) as Record<TeamType | 'undeclared', number>;
  const streams = new Map<string, number>();
  for (const n of graph.nodes) {
    byType[n.type] += 1;
    if (n.valueStream)
      streams.set(n.valueStream, (streams.get(n.valueStream) ?? 0) + 1);
  }

  const count = (p: (e: TeamEdge) => boolean) => graph.edges.filter(p).length;
  const overdueInteractions = new Set(
    graph.edges.flatMap(e =>
      e.declared.filter(d => d.overdue).map(d => d.interactionRef),
    ),
  );
  const blocking = count(e => e.blocking);

  const byBand: Record<StructuralLoadBand, number> = {
    low: 0,
    moderate: 0,
    high: 0,
    overloaded: 0,
  };
  for (const l of load) byBand[l.band] += 1;

  const teamRefs = new Set(graph.nodes.map(n => n.ref));
  const served = new Set(personas.flatMap(p => p.servedBy));
  const streamAligned = graph.nodes.filter(n => n.type === 'stream-aligned');
  const saWithout = streamAligned
    .filter(n => !served.has(n.ref))
    .map(n => n.ref);
  const notOwned = components.filter(c => !c.owner || !teamRefs.has(c.owner));
  const untyped = byType.undeclared;
  const saWith = streamAligned.length - saWithout.length;

  let personaStatus: ScorecardItem['status'] = 'problem';
  if (saWith === streamAligned.length) personaStatus = 'good';
  else if (saWith * 2 >= streamAligned.length) personaStatus = 'warning';

  const scorecard: ScorecardItem[] = [
    {
      id: 'stream-aligned-with-persona',
      label: 'Stream-aligned teams with a persona',
      value: saWith,
      of: streamAligned.length,
      status: personaStatus,
      description:
        'Stream-aligned teams that serve at least one Persona. All: good; at least half: warning; fewer: problem.',
    },
    {
      id: 'teams-over-load-threshold',
      label: 'Teams over the load threshold',
      value: byBand[LOAD_THRESHOLD_BAND],
      of: graph.nodes.length,
      status: countStatus(byBand[LOAD_THRESHOLD_BAND]),
      description:
        'Teams whose structural load is in the "overloaded" band (score 45 or more).',
    },
    {
      id: 'blocking-dependencies',
      label: 'Blocking dependencies',
      value: blocking,
      status: countStatus(blocking),
      description:
        'Team dependencies declared with severity "blocking" in a current TeamInteraction.',
    },
    {
      id: 'overdue-collaborations',
      label: 'Overdue collaborations',
      value: overdueInteractions.size,
      status: countStatus(overdueInteractions.size),
      description:
        'Collaborations and facilitations still current after their reviewBy date (Team Topologies: these should be temporary).',
    },
    {
      id: 'components-not-owned-by-a-team',
      label: 'Components not owned by a team',
      value: notOwned.length,
      of: components.length,
      status: countStatus(notOwned.length, Infinity),
      description:
        'Components whose owner is a person, a group that is not a team, or missing.',
    },
    {
      id: 'teams-without-type',
      label: 'Teams with no type',
      value: untyped,
      of: graph.nodes.length,
      status: countStatus(untyped, Infinity),
      description: 'Team Groups without a teamflow.io/team-type label.',
    },
  ];

  return {
    teams: {
      total: graph.nodes.length,
      byType,
      byValueStream: [...streams]
        .map(([valueStream, teams]) => ({ valueStream, teams }))
        .sort(
          (a, b) =>
            b.teams - a.teams || a.valueStream.localeCompare(b.valueStream),
        ),
    },
    dependencies: {
      teamEdges: graph.edges.length,
      entityEdges: graph.edges.reduce((sum, e) => sum + e.weight, 0),
      declaredAndObserved: count(
        e => e.classification === 'declared-and-observed',
      ),
      declaredOnly: count(
        e => e.classification === 'declared-only' && !isCoachingOnly(e),
      ),
      // facilitating only, no system dependency: coaching, not a gap
      coaching: count(isCoachingOnly),
      observedUndeclared: count(
        e => e.classification === 'observed-undeclared',
      ),
      blocking,
      // interactions, as the scorecard counts them (a collaboration is an
      // edge each way)
      overdue: overdueInteractions.size,
      teamsWithManyDependencies: graph.nodes
        .filter(n => n.manyInbound || n.manyOutbound)
        .map(n => n.ref),
    },
    load: {
      byBand,
      highest: [...load]
        .sort((a, b) => b.score - a.score || a.teamRef.localeCompare(b.teamRef))
        .slice(0, 10)
        .map(({ teamRef, score, band }) => ({ teamRef, score, band })),
    },
    personas: {
      total: personas.length,
      served: personas.filter(p => p.servedBy.some(t => teamRefs.has(t)))
        .length,
      unserved: personas.filter(p => !p.servedBy.some(t => teamRefs.has(t))),
      streamAlignedWithout: saWithout,
    },
    ownership: {
      components: components.length,
      notOwnedByTeam: notOwned.length,
      examples: notOwned.slice(0, 50),
    },
    scorecard,
  };
}

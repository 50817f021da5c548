import {
  Entity,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { TeamInteractionEntity, isInteractionOverdue } from './entities';
import { getTeamType, getValueStream } from './teams';
import {
  DependencySeverity,
  InteractionMode,
  InteractionStatus,
  TeamType,
} from './vocabulary';

/** One entity-level edge behind a team-level dependency. @public */
export type ObservedEdge = {
  source: string;
  target: string;
  type: 'dependsOn' | 'consumesApi';
};

/** A declared interaction as it applies to a team pair. @public */
export type DeclaredInteraction = {
  interactionRef: string;
  mode: InteractionMode;
  status: InteractionStatus;
  reviewBy?: string;
  severity?: DependencySeverity;
  overdue: boolean;
};

/**
 * How a team pair's dependency relates to what was designed:
 * `declared-and-observed`, `declared-only` (an interaction with no
 * entity-level edges) or `observed-undeclared` (edges nobody declared).
 *
 * @public
 */
export type TeamEdgeClass =
  | 'declared-and-observed'
  | 'declared-only'
  | 'observed-undeclared';

/**
 * A directed team-level edge: `from` depends on `to`. Observed edges come
 * from `dependsOn`/`consumesApi` between entities of different owners;
 * declared ones from current (planned or active) TeamInteractions.
 *
 * @public
 */
export type TeamEdge = {
  from: string;
  to: string;
  /** Number of entity-level edges behind this team edge. */
  weight: number;
  observed: ObservedEdge[];
  declared: DeclaredInteraction[];
  classification: TeamEdgeClass;
  blocking: boolean;
  overdue: boolean;
};

/** Entities a team owns, by kind. @public */
export type OwnedCounts = {
  component: number;
  api: number;
  system: number;
  resource: number;
  domain: number;
};

/**
 * A team in the dependency graph: its type, size, what it owns and how many teams it depends on and
 * serves.
 *
 * @public
 */
export type TeamNode = {
  ref: string;
  title: string;
  type: TeamType | 'undeclared';
  valueStream?: string;
  members: number;
  owned: OwnedCounts;
  /**
   * Domains the team works in: domains it owns, domains of systems it owns
   * and of the systems its components belong to (full refs, sorted).
   */
  domains: string[];
  /** Teams this team depends on (observed). */
  outbound: number;
  /** Teams depending on this team (observed). */
  inbound: number;
  /** Unusually many inbound dependencies (see {@link hubThreshold}). */
  manyInbound: boolean;
  /** Unusually many outbound dependencies (see {@link hubThreshold}). */
  manyOutbound: boolean;
};

/**
 * The team dependency graph: teams, the edges between them and what counts as unusually many
 * dependencies.
 *
 * @public
 */
export type TeamGraph = {
  nodes: TeamNode[];
  edges: TeamEdge[];
  /** The counts above which a team has unusually many dependencies. */
  thresholds: { inbound: number; outbound: number };
};

/**
 * The count above which a team's inbound (or outbound) dependencies are
 * unusual: Tukey's upper fence, Q3 + 1.5 × IQR, over all teams' counts, and at
 * least 5 so that a small organisation does not flag a team with 3.
 *
 * @public
 */
export function hubThreshold(counts: number[]): number {
  if (counts.length === 0) return 5;
  const sorted = [...counts].sort((a, b) => a - b);
  const quantile = (q: number) => {
    const pos = (sorted.length - 1) * q;
    const lo = Math.floor(pos);
    const hi = Math.ceil(pos);
    return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo);
  };
  const q1 = quantile(0.25);
  const q3 = quantile(0.75);
  return Math.max(5, q3 + 1.5 * (q3 - q1));
}

const lower = (ref: string) => ref.toLocaleLowerCase('en-US');

function fullRef(ref: string, defaultKind: string, namespace = 'default') {
  return lower(
    stringifyEntityRef(
      parseEntityRef(ref, { defaultKind, defaultNamespace: namespace }),
    ),
  );
}

/**
 * Whether a team pair is linked only by facilitating (coaching)
 * interactions and no system dependency: what coaching looks like, not a gap
 * between the design and the code.
 *
 * @public
 */
export function isCoachingOnly(edge: Pick<TeamEdge, 'weight' | 'declared'>) {
  return (
    edge.weight === 0 &&
    edge.declared.length > 0 &&
    edge.declared.every(d => d.mode === 'facilitating')
  );
}

function classify(edge: TeamEdge): TeamEdgeClass {
  if (edge.declared.length === 0) return 'observed-undeclared';
  return edge.weight > 0 ? 'declared-and-observed' : 'declared-only';
}

/**
 * Derives the team dependency graph from catalog entities: team Groups,
 * owned entities with their relations, and TeamInteractions. `today` is
 * YYYY-MM-DD, for overdue reviews. Ended interactions are ignored.
 *
 * @public
 */
export function deriveTeamGraph(entities: Entity[], today: string): TeamGraph {
  const teams = new Map<string, TeamNode>();
  for (const e of entities) {
    const type = getTeamType(e);
    if (!type) continue;
    const ref = lower(stringifyEntityRef(e));
    teams.set(ref, {
      ref,
      title: e.metadata.title ?? e.metadata.name,
      type,
      valueStream: getValueStream(e),
      members: (e.relations ?? []).filter(r => r.type === 'hasMember').length,
      owned: { component: 0, api: 0, system: 0, resource: 0, domain: 0 },
      domains: [],
      inbound: 0,
      outbound: 0,
      manyInbound: false,
      manyOutbound: false,
    });
  }

  // Owner team of every owned entity (only owners that are teams count), and
  // the domain of every system.
  const ownerOf = new Map<string, string>();
  const systemDomain = new Map<string, string>();
  for (const e of entities) {
    const kind = lower(e.kind);
    const ns = e.metadata.namespace ?? 'default';
    if (kind === 'system' && typeof e.spec?.domain === 'string') {
      systemDomain.set(
        lower(stringifyEntityRef(e)),
        fullRef(e.spec.domain, 'domain', ns),
      );
    }
    const owner = (e.relations ?? []).find(r => r.type === 'ownedBy');
    const team = owner && teams.get(lower(owner.targetRef));
    if (!team) continue;
    ownerOf.set(lower(stringifyEntityRef(e)), team.ref);
    if (kind in team.owned) team.owned[kind as keyof OwnedCounts] += 1;
  }
  const teamDomains = new Map<string, Set<string>>();
  const addDomain = (team: string, domain?: string) => {
    if (!domain) return;
    const set = teamDomains.get(team) ?? new Set<string>();
    set.add(domain);
    teamDomains.set(team, set);
  };
  for (const e of entities) {
    const ref = lower(stringifyEntityRef(e));
    const team = ownerOf.get(ref);
    if (!team) continue;
    const kind = lower(e.kind);
    const ns = e.metadata.namespace ?? 'default';
    if (kind === 'domain') addDomain(team, ref);
    if (kind === 'system') addDomain(team, systemDomain.get(ref));
    if (kind === 'component' && typeof e.spec?.system === 'string') {
      addDomain(team, systemDomain.get(fullRef(e.spec.system, 'system', ns)));
    }
  }
  for (const [team, domains] of teamDomains) {
    teams.get(team)!.domains = [...domains].sort();
  }

  const edges = new Map<string, TeamEdge>();
  const edgeFor = (from: string, to: string) => {
    const key = `${from}>${to}`;
    let edge = edges.get(key);
    if (!edge) {
      edge = {
        from,
        to,
        weight: 0,
        observed: [],
        declared: [],
        classification: 'observed-undeclared',
        blocking: false,
        overdue: false,
      };
      edges.set(key, edge);
    }
    return edge;
  };

  for (const e of entities) {
    const source = lower(stringifyEntityRef(e));
    const fromTeam = ownerOf.get(source);
    if (!fromTeam) continue;
    for (const r of e.relations ?? []) {
      if (r.type !== 'dependsOn' && r.type !== 'consumesApi') continue;
      const target = lower(r.targetRef);
      const toTeam = ownerOf.get(target);
      if (!toTeam || toTeam === fromTeam) continue;
      const edge = edgeFor(fromTeam, toTeam);
      edge.observed.push({ source, target, type: r.type });
      edge.weight += 1;
    }
  }

  for (const e of entities) {
    if (e.kind.toLocaleLowerCase('en-US') !== 'teaminteraction') continue;
    const { from, to, mode, status, reviewBy, dependency } = (
      e as TeamInteractionEntity
    ).spec;
    if (status === 'ended') continue;
    const offering = fullRef(from, 'group');
    const receiving = fullRef(to, 'group');
    if (!teams.has(offering) || !teams.has(receiving)) continue;
    const declared: DeclaredInteraction = {
      interactionRef: lower(stringifyEntityRef(e)),
      mode,
      status,
      reviewBy,
      severity: dependency?.severity,
      overdue: isInteractionOverdue({ mode, status, reviewBy }, today),
    };
    // x-as-a-service: the receiving team depends on the offering one. A
    // collaboration or facilitation describes the pair: it covers whichever
    // directions are observed, or stands as receiving -> offering if none is.
    const observedDirections = [
      [receiving, offering],
      [offering, receiving],
    ].filter(([a, b]) => edges.has(`${a}>${b}`));
    const directions =
      mode === 'x-as-a-service' || observedDirections.length === 0
        ? [[receiving, offering]]
        : observedDirections;
    for (const [a, b] of directions) {
      edgeFor(a, b).declared.push(declared);
    }
  }

  for (const edge of edges.values()) {
    edge.classification = classify(edge);
    edge.blocking = edge.declared.some(d => d.severity === 'blocking');
    edge.overdue = edge.declared.some(d => d.overdue);
    if (edge.weight > 0) {
      teams.get(edge.from)!.outbound += 1;
      teams.get(edge.to)!.inbound += 1;
    }
  }

  const nodes = [...teams.values()].sort((a, b) => a.ref.localeCompare(b.ref));
  const thresholds = {
    inbound: hubThreshold(nodes.map(n => n.inbound)),
    outbound: hubThreshold(nodes.map(n => n.outbound)),
  };
  for (const node of nodes) {
    node.manyInbound = node.inbound > thresholds.inbound;
    node.manyOutbound = node.outbound > thresholds.outbound;
  }
  return {
    nodes,
    edges: [...edges.values()].sort(
      (a, b) => a.from.localeCompare(b.from) || a.to.localeCompare(b.to),
    ),
    thresholds,
  };
}

import { StructuralLoad, StructuralLoadBand } from './structuralLoad';
import {
  TeamEdge,
  TeamEdgeClass,
  TeamGraph,
  TeamNode,
  hubThreshold,
  isCoachingOnly,
} from './teamGraph';
import { TeamType } from './vocabulary';
import {
  OrganisationOverview,
  PersonaCoverageInput,
  TeamGraphFilter,
  TeamMap,
  filterTeamGraph,
  summariseOrganisation,
} from './overview';

/**
 * A team's summary signals on a day: its open debt (tech-debt plugin) and
 * its five delivery metrics over the delivery window (delivery plugin; null
 * where there was not enough data). Kept in each snapshot so that their
 * course over weeks can be read back (alerts: debt growing for four weeks).
 *
 * @public
 */
export type TeamSignals = {
  debt?: { open: number; score: number };
  delivery?: {
    deploymentsPerDay: number;
    leadTimeHours: number | null;
    changeFailRate: number | null;
    recoveryTimeHours: number | null;
    reworkRate: number | null;
  };
};

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
    /** The team's summary signals that day, where their plugin answered. */
    signals?: TeamSignals;
  }>;
  /** Component ref → owning group (null: none). */
  owners: Record<string, string | null>;
  edges: Array<{
    from: string;
    to: string;
    classification: TeamEdgeClass;
    blocking: boolean;
    overdue: boolean;
    /** Entity-level edges behind it (snapshots from 2026-12-01 on). */
    weight?: number;
    /** Facilitating interactions only, no system dependency (from 2026-12-02 on). */
    coaching?: boolean;
  }>;
  load: Array<{ teamRef: string; score: number; band: StructuralLoadBand }>;
  /** Personas and the teams serving them (snapshots from 2026-12-02 on). */
  personas?: PersonaCoverageInput[];
};

/** The snapshot of a derived team graph, its loads and component owners. @public */
export function orgSnapshotOf(
  takenOn: string,
  graph: TeamGraph,
  load: StructuralLoad[],
  components: Array<{ ref: string; owner?: string }>,
  personas?: PersonaCoverageInput[],
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
      weight: e.weight,
      ...(isCoachingOnly(e) ? { coaching: true } : {}),
    })),
    load: load.map(l => ({ teamRef: l.teamRef, score: l.score, band: l.band })),
    ...(personas
      ? {
          personas: personas.map(p => ({
            ref: p.ref,
            title: p.title,
            servedBy: [...p.servedBy],
            ...(p.lifecycle ? { lifecycle: p.lifecycle } : {}),
          })),
        }
      : {}),
  };
}

/**
 * The CTO overview as of a snapshot: what {@link summariseOrganisation}
 * answers today, from what the history keeps. Overdue reviews count once
 * per team pair (the history keeps a flag per edge, not the interactions);
 * on days kept before personas were, `personas` is left out and so is the
 * scorecard's persona line.
 *
 * @public
 */
export function overviewOfSnapshot(snapshot: OrgSnapshot): HistoricOverview {
  const map = teamMapOfSnapshot(snapshot, {});
  const edges = map.edges.map((e, i) => {
    const kept = snapshot.edges.find(k => k.from === e.from && k.to === e.to);
    const pair = [e.from, e.to].sort().join('|');
    const declared: TeamEdge['declared'] = [];
    if (kept?.coaching)
      declared.push({
        interactionRef: `coaching:${i}`,
        mode: 'facilitating',
        status: 'active',
        overdue: false,
      });
    if (e.overdue)
      declared.push({
        interactionRef: `pair:${pair}`,
        mode: 'collaboration',
        status: 'active',
        overdue: true,
      });
    return { ...e, declared } as TeamEdge;
  });
  const titleOf = (ref: string) => ref.slice(ref.indexOf('/') + 1);
  const overview = summariseOrganisation({
    graph: { nodes: map.nodes, edges },
    load: snapshot.load as StructuralLoad[],
    personas: snapshot.personas ?? [],
    components: Object.entries(snapshot.owners).map(([ref, owner]) => ({
      ref,
      title: titleOf(ref),
      ...(owner ? { owner } : {}),
    })),
  });
  if (snapshot.personas) return overview;
  const { personas: _left, ...rest } = overview;
  return {
    ...rest,
    scorecard: overview.scorecard.filter(
      c => c.id !== 'stream-aligned-with-persona',
    ),
  };
}

/** The overview of a past day (`personas` absent where that day kept none). @public */
export type HistoricOverview = Omit<OrganisationOverview, 'personas'> & {
  personas?: OrganisationOverview['personas'];
};

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
    }
  | {
      /** Open debt items added or resolved, or the score moved by a tenth. */
      kind: 'debt-change';
      refs: [string];
      title: string;
      from: { open: number; score: number };
      to: { open: number; score: number };
    }
  | {
      /** A delivery metric moved beyond {@link DELIVERY_SHIFT_RULES}. */
      kind: 'delivery-shift';
      refs: [string];
      title: string;
      metric: DeliverySignal;
      from: number;
      to: number;
      better: boolean;
    };

/** The five delivery metrics a snapshot keeps per team. @public */
export type DeliverySignal = keyof NonNullable<TeamSignals['delivery']>;

/**
 * When a delivery metric has moved beyond week-to-week noise between two
 * snapshots. The metrics are over the delivery window (90 days by default),
 * so a week moves them little: a quarter more or less for the frequency and
 * the medians, five percentage points for the rates. Higher is better only
 * for the frequency.
 *
 * @public
 */
export const DELIVERY_SHIFT_RULES: Record<
  DeliverySignal,
  {
    name: string;
    relative?: number;
    absolute?: number;
    higherIsBetter?: boolean;
  }
> = {
  deploymentsPerDay: {
    name: 'deployment frequency',
    relative: 0.25,
    higherIsBetter: true,
  },
  leadTimeHours: { name: 'change lead time', relative: 0.25 },
  changeFailRate: { name: 'change fail rate', absolute: 0.05 },
  recoveryTimeHours: {
    name: 'failed deployment recovery time',
    relative: 0.25,
  },
  reworkRate: { name: 'deployment rework rate', absolute: 0.05 },
};

/** A delivery signal's value as the delivery pages write it. @public */
export function deliverySignalText(metric: DeliverySignal, v: number): string {
  const round = (x: number) => Math.round(x * 10) / 10;
  if (metric === 'deploymentsPerDay')
    return `${Math.round(v * 100) / 100} / day`;
  if (metric === 'changeFailRate' || metric === 'reworkRate')
    return `${round(v * 100)}%`;
  // As the delivery pages write hours (delivery-common's formatHours).
  if (v < 1) return `${Math.round(v * 60)} min`;
  return v >= 48 ? `${round(v / 24)} days` : `${round(v)} h`;
}

function debtChanged(
  a: { open: number; score: number },
  b: { open: number; score: number },
) {
  return (
    a.open !== b.open ||
    Math.abs(b.score - a.score) >= Math.max(1, 0.1 * a.score)
  );
}

function deliveryShifted(metric: DeliverySignal, from: number, to: number) {
  const rule = DELIVERY_SHIFT_RULES[metric];
  // Rounded to a millionth: 0.15 − 0.1 is 0.0499… in floating point.
  const moved = (x: number) => Math.round(x * 1e6) / 1e6;
  if (rule.absolute !== undefined)
    return moved(Math.abs(to - from)) >= rule.absolute;
  if (from === 0) return to > 0;
  return moved(Math.abs(to - from) / from) >= rule.relative!;
}

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
 * load moved to another band; teams whose open debt changed (items added or
 * resolved, or the score moved by a tenth) and whose delivery moved beyond
 * {@link DELIVERY_SHIFT_RULES}, where both snapshots carry those signals.
 * In that order, each group sorted by ref.
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
  // 60,000 edges at 2,000 teams: only the changed ones are sorted (by
  // code unit, not locale; refs are lower-cased), for a stable order.
  const key = (e: { from: string; to: string }) => `${e.from}\u0000${e.to}`;
  const byKey = (a: { key: string }, b: { key: string }) => {
    if (a.key === b.key) return 0;
    return a.key < b.key ? -1 : 1;
  };
  const edgesBefore = new Map(before.edges.map(e => [key(e), e]));
  const undeclared: Array<{ key: string; e: OrgSnapshot['edges'][number] }> =
    [];
  const newlyOverdue: typeof undeclared = [];
  for (const e of after.edges) {
    const was = edgesBefore.get(key(e));
    if (
      e.classification === 'observed-undeclared' &&
      was?.classification !== 'observed-undeclared'
    )
      undeclared.push({ key: key(e), e });
    if (e.overdue && was && !was.overdue) newlyOverdue.push({ key: key(e), e });
  }
  for (const { e } of undeclared.sort(byKey))
    out.push({ kind: 'undeclared-dependency', refs: [e.from, e.to] });
  // One line per interaction: a collaboration shows as an edge each way.
  const overdue = new Set<string>();
  for (const { e } of newlyOverdue.sort(byKey)) {
    const pair = [e.from, e.to].sort().join('\u0000');
    if (!overdue.has(pair)) {
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
  const sortedAfter = [...after.teams].sort(byRef);
  for (const t of sortedAfter) {
    const a = teamsBefore.get(t.ref)?.signals?.debt;
    const b = t.signals?.debt;
    if (a && b && debtChanged(a, b))
      out.push({
        kind: 'debt-change',
        refs: [t.ref],
        title: t.title,
        from: a,
        to: b,
      });
  }
  for (const t of sortedAfter) {
    const a = teamsBefore.get(t.ref)?.signals?.delivery;
    const b = t.signals?.delivery;
    if (!a || !b) continue;
    for (const metric of Object.keys(
      DELIVERY_SHIFT_RULES,
    ) as DeliverySignal[]) {
      const from = a[metric];
      const to = b[metric];
      if (from === null || to === null || !deliveryShifted(metric, from, to))
        continue;
      const higher = to > from;
      out.push({
        kind: 'delivery-shift',
        refs: [t.ref],
        title: t.title,
        metric,
        from,
        to,
        better: DELIVERY_SHIFT_RULES[metric].higherIsBetter ? higher : !higher,
      });
    }
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

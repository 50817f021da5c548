import { StructuralLoad, StructuralLoadBand } from './structuralLoad';
import {
  TeamEdge,
  TeamEdgeClass,
  TeamGraph,
  isCoachingOnly,
} from './teamGraph';
import { TeamType } from './vocabulary';
import {
  OrganisationOverview,
  PersonaCoverageInput,
  summariseOrganisation,
} from './overview';
import { teamMapOfSnapshot } from './historyMap';

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

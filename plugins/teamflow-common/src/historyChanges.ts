import { StructuralLoadBand } from './structuralLoad';
import type { TeamSignals, OrgSnapshot } from './historySnapshot';

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

import { ReleaseStatus } from './types';

/** The smallest k an organisation may configure. @public */
export const MINIMUM_K = 3;
/** k when nothing is configured. @public */
export const DEFAULT_K = 5;

/** A group in the hierarchy: a surveyed team or a group above teams. @public */
export type AnonymityNode = {
  ref: string;
  parentRef?: string;
  /** Responses given for this group itself (a team); 0 for pure parents. */
  ownResponses: number;
  /**
   * How many responses in this group and everything below it may come from a
   * person already counted: someone in two surveyed teams below the group
   * answers twice, but is one person. From the catalog's memberships:
   * the sum over people of (surveyed teams below the group they belong to − 1).
   */
  overlap?: number;
};

/** Whether a group's results may be shown, and for how many people. @public */
export type ReleaseDecision = {
  status: ReleaseStatus;
  /**
   * People in the group and everything below it: responses less the
   * overlap, so a person in two surveyed teams counts once.
   */
  n: number;
};

/**
 * Which groups' results may be shown, so that no group of fewer than k
 * respondents can be read or derived.
 *
 * 1. A group with no respondents has "no data"; with 1 to k − 1 people, "not
 *    enough responses". People are counted once however many surveyed teams
 *    below the group they answered for (`overlap`).
 * 2. Subtraction: from a shown group and the shown groups inside it, anyone
 *    can compute the respondents they do not cover (parent minus children).
 *    The shown groups form a tree, so everything derivable is a union of
 *    such residues: each shown group minus its nearest shown descendants.
 *    Every residue must be empty or hold at least k people (its responses
 *    less the group's overlap, at worst all shared people); a group whose
 *    residue does not is suppressed (the roll-up is dropped, the smaller groups
 *    stay). Groups are checked deepest first, since dropping a roll-up moves
 *    its residue into the one above it.
 *
 * @public
 */
export function decideRelease(
  nodes: AnonymityNode[],
  k: number,
): Map<string, ReleaseDecision> {
  if (!Number.isInteger(k) || k < MINIMUM_K) {
    throw new Error(`k must be an integer of at least ${MINIMUM_K}, got ${k}`);
  }
  const byRef = new Map(nodes.map(n => [n.ref, n]));
  const children = new Map<string, string[]>();
  for (const n of nodes) {
    if (n.parentRef && byRef.has(n.parentRef)) {
      children.set(n.parentRef, [...(children.get(n.parentRef) ?? []), n.ref]);
    }
  }
  // Guard against cycles in bad data: a node is visited once.
  const total = new Map<string, number>();
  const visiting = new Set<string>();
  const count = (ref: string): number => {
    const known = total.get(ref);
    if (known !== undefined) return known;
    if (visiting.has(ref)) return 0;
    visiting.add(ref);
    const n =
      byRef.get(ref)!.ownResponses +
      (children.get(ref) ?? []).reduce((s, c) => s + count(c), 0);
    total.set(ref, n);
    return n;
  };
  const people = (ref: string) =>
    Math.max(0, count(ref) - (byRef.get(ref)!.overlap ?? 0));
  const released = new Set(
    nodes.filter(n => people(n.ref) >= k).map(n => n.ref),
  );

  // Respondents under `ref` not covered by its nearest released descendants.
  const residue = (ref: string): number => {
    let covered = 0;
    const walk = (r: string, seen: Set<string>) => {
      for (const c of children.get(r) ?? []) {
        if (seen.has(c)) continue;
        seen.add(c);
        if (released.has(c)) covered += count(c);
        else walk(c, seen);
      }
    };
    walk(ref, new Set([ref]));
    return count(ref) - covered;
  };

  // Deepest groups first: a group is checked after everything below it is
  // settled, so a roll-up is only dropped when the groups inside it cannot
  // cover its respondents. Dropping one only grows the residues above it,
  // which are checked later; one pass is enough.
  const depth = (ref: string) => {
    let d = 0;
    const seen = new Set<string>();
    for (
      let p = byRef.get(ref)?.parentRef;
      p && byRef.has(p) && !seen.has(p);
      p = byRef.get(p)?.parentRef
    ) {
      seen.add(p);
      d += 1;
    }
    return d;
  };
  const suppressed = new Set<string>();
  const depths = new Map([...released].map(ref => [ref, depth(ref)]));
  for (const ref of [...released].sort(
    (a, b) => depths.get(b)! - depths.get(a)!,
  )) {
    const r = residue(ref);
    if (r > 0 && r - (byRef.get(ref)!.overlap ?? 0) < k) {
      released.delete(ref);
      suppressed.add(ref);
    }
  }

  const decisions = new Map<string, ReleaseDecision>();
  for (const n of nodes) {
    const all = people(n.ref);
    let status: ReleaseStatus = 'released';
    if (count(n.ref) === 0) status = 'no-data';
    else if (all < k) status = 'not-enough-responses';
    else if (suppressed.has(n.ref)) status = 'suppressed';
    decisions.set(n.ref, { status, n: all });
  }
  return decisions;
}

/**
 * Whether a change between two waves may be shown: only when the group is
 * released in both.
 *
 * @public
 */
export function mayCompare(
  before: ReleaseDecision | undefined,
  after: ReleaseDecision | undefined,
): boolean {
  return before?.status === 'released' && after?.status === 'released';
}

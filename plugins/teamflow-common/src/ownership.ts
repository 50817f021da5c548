/**
 * One entry of an entity's ownership timeline: `teamRef` owned the entity
 * from `from` (epoch ms) until the next entry. `observed`: seen in the
 * catalog at that time by a Teamflow backend; `declared`: an earlier move
 * an admin recorded (Teamflow was not watching then).
 *
 * @public
 */
export type OwnershipEntry = {
  entityRef: string;
  teamRef: string | null;
  from: number;
  source: 'observed' | 'declared';
};

/**
 * Who owned the entity at `at`, from its timeline (any order): the latest
 * entry from `at` or before; before the first entry, the first entry's team
 * (the owner first seen is taken to have owned it before — declare an
 * earlier owner to say otherwise). Undefined for an empty timeline.
 *
 * @public
 */
export function ownerAt(
  timeline: ReadonlyArray<Pick<OwnershipEntry, 'teamRef' | 'from'>>,
  at: number,
): string | null | undefined {
  let best: Pick<OwnershipEntry, 'teamRef' | 'from'> | undefined;
  let first: Pick<OwnershipEntry, 'teamRef' | 'from'> | undefined;
  for (const e of timeline) {
    if (!first || e.from < first.from) first = e;
    if (e.from <= at && (!best || e.from > best.from)) best = e;
  }
  return (best ?? first)?.teamRef;
}

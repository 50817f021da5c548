import { DAY } from '../service/shared';

/**
 * The queued pairs that matter to judging: per entity and UTC day, the
 * first and last instant (judging takes each entity's earliest and latest,
 * and rolls up the days they fall on).
 */
export function firstAndLastPerDay(
  pairs: Array<{ entityRef: string; at: number }>,
) {
  const byDay = new Map<
    string,
    { entityRef: string; min: number; max: number }
  >();
  for (const p of pairs) {
    const key = `${p.entityRef}\u0000${Math.floor(p.at / DAY)}`;
    const seen = byDay.get(key);
    if (!seen) byDay.set(key, { entityRef: p.entityRef, min: p.at, max: p.at });
    else {
      seen.min = Math.min(seen.min, p.at);
      seen.max = Math.max(seen.max, p.at);
    }
  }
  return [...byDay.values()].flatMap(d =>
    d.min === d.max
      ? [{ entityRef: d.entityRef, at: d.min }]
      : [
          { entityRef: d.entityRef, at: d.min },
          { entityRef: d.entityRef, at: d.max },
        ],
  );
}

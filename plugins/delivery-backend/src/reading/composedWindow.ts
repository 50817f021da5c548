import { WeekCounts, weekOf } from '@teamflow/plugin-delivery-common';
import { DeliveryStore } from '../database/DeliveryStore';
import { wholeWeeksOf } from '../database/rows';
import type { WeekSums } from '../database/ReadStore';
import { Entry, Filter, add, changedTeams, copy, total } from './keptWindow';

/** Every team of a kept window is kept by week, and its weeks add up. */
function byWeekWhole(e: Entry) {
  return e.additive && e.numbers.teams.every(t => e.byWeek.has(t.teamRef));
}

/**
 * A kept window a new one can be composed from: the same environment, every
 * team kept by week, and the new window's whole weeks among its own. Of
 * those, one with team trends when they are asked (else they are read), and
 * the latest used.
 */
export function sourceOf(
  entries: Iterable<Entry>,
  filter: Filter,
): Entry | undefined {
  const wanted = wholeWeeksOf(filter.fromDay, filter.toDay);
  if (!wanted.whole) return undefined;
  let best: Entry | undefined;
  for (const e of entries) {
    const has = wholeWeeksOf(e.filter.fromDay, e.filter.toDay);
    if (
      e.filter.environment === filter.environment &&
      has.firstWeek <= wanted.firstWeek &&
      has.lastWeekEnd >= wanted.lastWeekEnd &&
      byWeekWhole(e) &&
      (!best ||
        !filter.teamWeeks ||
        e.filter.teamWeeks ||
        !best.filter.teamWeeks)
    )
      best = e;
  }
  return best;
}

/**
 * A window composed from a kept one (`sourceOf`) instead of summing every
 * team's rows: its whole weeks are the kept window's, team by team, and only
 * its edge days are read (every team's, by week), unless they are the kept
 * window's own edges. Teams judged since the kept window was read are read
 * whole, by week; and its organisation's weeks are the kept ones moved by
 * those teams' difference, plus every team's edge weeks. The result is kept
 * by week for every team, so judgements move it by difference from the
 * first. Undefined when too many teams moved (one pass is cheaper then).
 */
export async function composeWindow(
  store: DeliveryStore,
  from: Entry,
  filter: Filter,
  generations: Map<string, number>,
): Promise<Entry | undefined> {
  const moved = changedTeams(from.generations, generations);
  if (moved.length > Math.max(50, generations.size / 4)) return undefined;
  const movedSet = new Set(moved);
  const { firstWeek, lastWeekEnd } = wholeWeeksOf(filter.fromDay, filter.toDay);
  const whole = (week: string) => week >= firstWeek && week < lastWeekEnd;
  // The edge days: the kept window's own edge weeks when they are the same
  // days, else read.
  const edges = [
    {
      from: filter.fromDay,
      to: firstWeek,
      same: filter.fromDay === from.filter.fromDay,
    },
    {
      from: lastWeekEnd,
      to: filter.toDay,
      same: filter.toDay === from.filter.toDay,
    },
  ].filter(e => e.from < e.to);
  const sameEdgeWeeks = new Set(
    edges.filter(e => e.same).map(e => weekOf(e.from)),
  );
  const trendsKept = from.filter.teamWeeks;
  const [edgeReads, fresh, points, organisationDeployDays] = await Promise.all([
    Promise.all(
      edges
        .filter(e => !e.same)
        .map(e =>
          store.teamsByWeek({
            environment: filter.environment,
            fromDay: e.from,
            toDay: e.to,
          }),
        ),
    ),
    moved.length
      ? store.teamsByWeek({ ...filter, teamRefs: moved })
      : new Map<string, WeekSums[]>(),
    !filter.teamWeeks || (trendsKept && !moved.length)
      ? new Map<string, Map<string, WeekCounts>>()
      : store.storedPoints(
          trendsKept ? { ...filter, teamRefs: moved } : filter,
        ),
    store.organisationDeployDays(filter),
  ]);

  const byWeek = new Map<string, WeekSums[]>();
  for (const [team, weeks] of from.byWeek) {
    if (movedSet.has(team)) continue;
    const mine = weeks.filter(w => whole(w.week) || sameEdgeWeeks.has(w.week));
    if (mine.length) byWeek.set(team, mine);
  }
  for (const read of edgeReads)
    for (const [team, weeks] of read) {
      if (movedSet.has(team)) continue;
      const mine = byWeek.get(team);
      if (mine) mine.push(...weeks);
      else byWeek.set(team, [...weeks]);
    }
  for (const team of moved) byWeek.set(team, fresh.get(team) ?? []);

  const teams = [...byWeek]
    .filter(([, weeks]) => weeks.length)
    .map(([teamRef, weeks]) => ({
      teamRef,
      totals: total(filter.fromDay, weeks),
    }));

  // Whole weeks: the kept organisation's, moved by the moved teams'
  // difference; edge weeks: every team's.
  const sums = new Map<string, WeekSums>();
  for (const w of from.numbers.organisationWeeks)
    if (whole(w.week)) sums.set(w.week, copy(w));
  for (const team of moved) {
    for (const w of from.byWeek.get(team) ?? [])
      if (whole(w.week)) add(sums, w, -1);
    for (const w of fresh.get(team) ?? []) if (whole(w.week)) add(sums, w, 1);
  }
  for (const weeks of byWeek.values())
    for (const w of weeks) if (!whole(w.week)) add(sums, w, 1);
  const organisationWeeks = [...sums.values()]
    .filter(w => w.rows > 0)
    .sort((a, b) => a.week.localeCompare(b.week));

  let teamWeeks = points;
  if (filter.teamWeeks && trendsKept) {
    teamWeeks = new Map();
    for (const [team, weeks] of from.numbers.teamWeeks) {
      if (movedSet.has(team)) continue;
      const mine = new Map([...weeks].filter(([week]) => whole(week)));
      if (mine.size) teamWeeks.set(team, mine);
    }
    for (const [team, weeks] of points) teamWeeks.set(team, weeks);
  }

  return {
    filter,
    generations,
    numbers: { teams, organisationWeeks, teamWeeks, organisationDeployDays },
    byWeek,
    // The organisation's weeks are the sum of the teams' kept ones, by
    // construction: the kept window's were (it was additive), moved teams
    // were moved by their difference, and edges are summed from the teams'.
    additive: true,
  };
}

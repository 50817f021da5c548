import { WeekCounts, weekOf } from '@teamflow/plugin-delivery-common';
import { DeliveryStore } from '../database/DeliveryStore';
import { wholeWeeksOf } from '../database/rows';
import type { WeekSums } from '../database/ReadStore';
import { Entry, Filter, add, changedTeams, copy, total } from './keptWindow';

/** Every team of a kept window is kept by week, and its weeks add up. */
function byWeekWhole(e: Entry) {
  return e.additive && e.numbers.teams.every(t => e.byWeek.has(t.teamRef));
}

const WEEK_MS = 7 * 86_400_000;
const weeksBetween = (from: string, to: string) =>
  Math.max(0, Math.round((Date.parse(to) - Date.parse(from)) / WEEK_MS));

/**
 * Whole weeks a composed window may read rather than take from the kept one:
 * the week that became whole on a Sunday, or the week before a kept window's
 * first. Each is one row more per team to read and decode; a past half-year
 * composed with one such week already took as long as summing it whole (see
 * the README's benchmark), so more are left to the whole read.
 */
const READ_WEEKS = 1;

/**
 * The whole weeks of `filter` that `kept` holds, [from, to), and how many of
 * its whole weeks it does not.
 */
function keptWeeksOf(kept: Filter, filter: Filter) {
  const wanted = wholeWeeksOf(filter.fromDay, filter.toDay);
  const has = wholeWeeksOf(kept.fromDay, kept.toDay);
  const from =
    wanted.firstWeek > has.firstWeek ? wanted.firstWeek : has.firstWeek;
  const to =
    wanted.lastWeekEnd < has.lastWeekEnd ? wanted.lastWeekEnd : has.lastWeekEnd;
  const weeks = weeksBetween(from, to);
  return {
    from,
    to,
    weeks,
    missing: weeksBetween(wanted.firstWeek, wanted.lastWeekEnd) - weeks,
  };
}

/**
 * A kept window a new one can be composed from: the same environment, every
 * team kept by week, and all the new window's whole weeks among its own but
 * at most `READ_WEEKS` (the week that became whole on a Sunday, a window
 * starting a week earlier). Of those, the one holding most of its weeks,
 * then one with team trends when they are asked (else they are read), then
 * the latest used.
 */
export function sourceOf(
  entries: Iterable<Entry>,
  filter: Filter,
): Entry | undefined {
  if (!wholeWeeksOf(filter.fromDay, filter.toDay).whole) return undefined;
  let best: Entry | undefined;
  let bestWeeks = 0;
  for (const e of entries) {
    if (e.filter.environment !== filter.environment || !byWeekWhole(e))
      continue;
    const { weeks, missing } = keptWeeksOf(e.filter, filter);
    if (weeks === 0 || missing > READ_WEEKS) continue;
    if (
      !best ||
      weeks > bestWeeks ||
      (weeks === bestWeeks &&
        (!filter.teamWeeks || e.filter.teamWeeks || !best.filter.teamWeeks))
    ) {
      best = e;
      bestWeeks = weeks;
    }
  }
  return best;
}

/**
 * A window composed from a kept one (`sourceOf`) instead of summing every
 * team's rows: the whole weeks the kept window holds are its, team by team,
 * and only the rest is read (every team's, by week): the edge days, unless
 * they are the kept window's own edges, with any whole week it lacks. Teams
 * judged since the kept window was read are read whole, by week; and its
 * organisation's weeks are the kept ones moved by those teams' difference,
 * plus every team's weeks read. The result is kept by week for every team,
 * so judgements move it by difference from the first. Undefined when too
 * many teams moved (one pass is cheaper then).
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
  // The whole weeks taken from the kept window; the others are read.
  const held = keptWeeksOf(from.filter, filter);
  const kept = (week: string) => week >= held.from && week < held.to;
  // The days read: each edge with the whole weeks the kept window lacks on
  // that side, unless it is the kept window's own edge (the same days).
  const edges = [
    {
      from: filter.fromDay,
      to: held.from,
      same: filter.fromDay === from.filter.fromDay,
    },
    {
      from: held.to,
      to: filter.toDay,
      same: filter.toDay === from.filter.toDay,
    },
  ].filter(e => e.from < e.to);
  const sameEdgeWeeks = new Set(
    edges.filter(e => e.same).map(e => weekOf(e.from)),
  );
  // The whole weeks read (with the edge days on their side).
  const readWeeks = [
    { fromDay: firstWeek, toDay: held.from },
    { fromDay: held.to, toDay: lastWeekEnd },
  ].filter(w => w.fromDay < w.toDay);
  const trendsKept = from.filter.teamWeeks;
  // Team trends: every team's when the kept window has none; else those of
  // the whole weeks read, then (last) the moved teams' over the whole window.
  const pointsRead: Array<Promise<Map<string, Map<string, WeekCounts>>>> = [];
  if (filter.teamWeeks && !trendsKept)
    pointsRead.push(store.reads.storedPoints(filter));
  else if (filter.teamWeeks) {
    for (const w of readWeeks)
      pointsRead.push(store.reads.storedPoints({ ...filter, ...w }));
    if (moved.length)
      pointsRead.push(store.reads.storedPoints({ ...filter, teamRefs: moved }));
  }
  const [edgeReads, fresh, pointReads, organisationDeployDays] =
    await Promise.all([
      Promise.all(
        edges
          .filter(e => !e.same)
          .map(e =>
            store.reads.teamsByWeek({
              environment: filter.environment,
              fromDay: e.from,
              toDay: e.to,
            }),
          ),
      ),
      moved.length
        ? store.reads.teamsByWeek({ ...filter, teamRefs: moved })
        : new Map<string, WeekSums[]>(),
      Promise.all(pointsRead),
      store.reads.organisationDeployDays(filter),
    ]);

  const byWeek = new Map<string, WeekSums[]>();
  for (const [team, weeks] of from.byWeek) {
    if (movedSet.has(team)) continue;
    const mine = weeks.filter(w => kept(w.week) || sameEdgeWeeks.has(w.week));
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

  // Weeks taken from the kept window: its organisation's, moved by the moved
  // teams' difference; weeks read: every team's.
  const sums = new Map<string, WeekSums>();
  for (const w of from.numbers.organisationWeeks)
    if (kept(w.week)) sums.set(w.week, copy(w));
  for (const team of moved) {
    for (const w of from.byWeek.get(team) ?? [])
      if (kept(w.week)) add(sums, w, -1);
    for (const w of fresh.get(team) ?? []) if (kept(w.week)) add(sums, w, 1);
  }
  for (const weeks of byWeek.values())
    for (const w of weeks) if (!kept(w.week)) add(sums, w, 1);
  const organisationWeeks = [...sums.values()]
    .filter(w => w.rows > 0)
    .sort((a, b) => a.week.localeCompare(b.week));

  // Without trends kept, they were read (`storedPoints(filter)`) or not asked.
  let teamWeeks = pointReads[0] ?? new Map<string, Map<string, WeekCounts>>();
  if (filter.teamWeeks && trendsKept) {
    teamWeeks = new Map();
    for (const [team, weeks] of from.numbers.teamWeeks) {
      if (movedSet.has(team)) continue;
      const mine = new Map([...weeks].filter(([week]) => kept(week)));
      if (mine.size) teamWeeks.set(team, mine);
    }
    // The read weeks' points; the moved teams' all come from the last read.
    const movedPoints = moved.length ? pointReads.pop()! : new Map();
    for (const points of pointReads)
      for (const [team, weeks] of points) {
        if (movedSet.has(team)) continue;
        const mine = teamWeeks.get(team);
        if (mine) for (const [week, counts] of weeks) mine.set(week, counts);
        else teamWeeks.set(team, new Map(weeks));
      }
    for (const [team, weeks] of movedPoints) teamWeeks.set(team, weeks);
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

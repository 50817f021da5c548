import { WeekCounts } from '@teamflow/plugin-delivery-common';
import { DeliveryStore } from '../database/DeliveryStore';
import { chunks } from '../database/rows';
import type { WeekSums } from '../database/ReadStore';
import {
  Entry,
  Filter,
  OrganisationNumbers,
  add,
  changedTeams,
  copy,
  total,
} from './keptWindow';
import { composeWindow, sourceOf } from './composedWindow';

export type { OrganisationNumbers } from './keptWindow';

/** A window that ends with the current day, by its length, as last asked. */
type Rolling = {
  environment: string;
  days: number;
  teamWeeks: boolean;
  asked: number;
};

const DAY = 86_400_000;
/**
 * Windows ending with the current day read ahead, the latest asked first:
 * the three expected from start-up (see Reading) and two more asked.
 */
const AHEAD = 5;
/** A window not asked for a week is no longer read ahead. */
const FORGET_MS = 7 * DAY;
const dayOf = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const msOf = (day: string) => Date.parse(`${day}T00:00:00Z`);
/** The exclusive end of a window ending with the current (UTC) day. */
const endOfToday = (now: number) => dayOf(Math.floor(now / DAY) * DAY + DAY);

/** A window summed ahead (not kept before), and how long that took. */
export type SummedAhead = Filter & { ms: number };

/** A window's entry. */
const keyOf = (f: Filter) =>
  JSON.stringify([f.environment, f.fromDay, f.toDay, f.teamWeeks]);

/**
 * The organisation's numbers of a window kept between answers, read again
 * only for the teams whose roll-ups were rewritten since (their generation,
 * raised in the same transaction as the rows, by whichever replica judged
 * them). Summing every team's rows is most of an organisation answer's time
 * (~110 ms at 2,000 teams); a judgement touches a few teams.
 *
 * - Each answer reads the generations before any row, so what is kept is
 *   never older than the generation it is kept under: a commit in between
 *   only makes the next answer read that team again.
 * - A team read again is read by week. The organisation's weeks then move by
 *   its new weeks minus its kept ones, when its kept weeks are known (read by
 *   week before, or no rows in the window then) and the organisation's weeks
 *   are the sum of what is kept: true after a delta, and after a full read
 *   during which no generation moved (read again after it). Otherwise the
 *   organisation's weeks are read whole (every team's rows summed by week).
 * - The first time a window's organisation weeks are summed again that way,
 *   every team of the window not yet kept by week is read by week in the
 *   background, 200 teams at a time, and kept only when its generation is
 *   the one its numbers were kept under both before and after that read (so
 *   its rows did not move in between): from then on any team's judgement
 *   moves the organisation's weeks by its difference.
 * - Entries are replaced, never changed, so concurrent answers cannot mix.
 * - Windows that end with the current day (the pages' 30, 90 or 180 days up
 *   to today) are read ahead: each day they are new windows, summed once by
 *   `readAhead` (every minute, on each replica) before anyone asks them, and
 *   their teams read by week at once, so that the day's judgements move
 *   their organisation's weeks by difference from the first.
 */
export class OrganisationCache {
  private readonly entries = new Map<string, Entry>();
  /** Windows whose teams are being read by week in the background. */
  private readonly filling = new Map<string, Promise<void>>();
  /** Windows ending with the current day, by environment, length and trends. */
  private readonly rolling = new Map<string, Rolling>();

  constructor(
    private readonly store: DeliveryStore,
    private readonly now: () => number,
    /** Windows kept (each ~2 MB at 2,000 teams with trends). */
    private readonly size = 6,
  ) {}

  /** Reads ahead, from now on, this window ending with the current day. */
  expect(window: Omit<Rolling, 'asked'>) {
    this.rolling.set(
      JSON.stringify([window.environment, window.days, window.teamWeeks]),
      { ...window, asked: this.now() },
    );
  }

  /**
   * Brings up to date the windows ending with the current day that were
   * asked in the last week (the `AHEAD` latest asked): on a new day, each is
   * a new window, summed here rather than by its first reader; otherwise
   * only the teams judged since are read again. Answers the windows that
   * were not kept before.
   */
  async readAhead(): Promise<SummedAhead[]> {
    const summed: SummedAhead[] = [];
    const now = this.now();
    const toDay = endOfToday(now);
    const recent = [...this.rolling]
      .filter(([, r]) => now - r.asked <= FORGET_MS)
      .sort(([, a], [, b]) => b.asked - a.asked);
    const kept = recent.slice(0, AHEAD);
    this.rolling.clear();
    for (const [key, r] of kept) this.rolling.set(key, r);
    // The longest first, with trends before without: the others of the same
    // or fewer weeks are then composed from them (see composedWindow).
    const order = kept
      .map(([, r]) => r)
      .sort((a, b) => b.days - a.days || +b.teamWeeks - +a.teamWeeks);
    for (const r of order) {
      const filter = {
        environment: r.environment,
        fromDay: dayOf(msOf(toDay) - r.days * DAY),
        toDay,
        teamWeeks: r.teamWeeks,
      };
      const start = Date.now();
      const wasKept = this.entries.has(keyOf(filter));
      await this.teamWindow(filter, true);
      if (!wasKept) summed.push({ ...filter, ms: Date.now() - start });
      // Yesterday's window of this length is asked no more (the pages count
      // days from the clock): its memory goes now, not when pushed out.
      this.entries.delete(
        keyOf({
          ...filter,
          fromDay: dayOf(msOf(filter.fromDay) - DAY),
          toDay: dayOf(msOf(toDay) - DAY),
        }),
      );
    }
    return summed;
  }

  async teamWindow(
    filter: Filter,
    /** Read ahead, not asked by anyone. */
    ahead = false,
  ): Promise<OrganisationNumbers> {
    if (!ahead && filter.toDay === endOfToday(this.now()))
      this.expect({
        environment: filter.environment,
        days: (msOf(filter.toDay) - msOf(filter.fromDay)) / DAY,
        teamWeeks: filter.teamWeeks,
      });
    const generations = await this.store.reads.teamGenerations();
    const key = keyOf(filter);
    const kept = this.entries.get(key);
    const stale = kept ? changedTeams(kept.generations, generations) : [];
    let entry: Entry;
    let summedWhole = false;
    if (kept && !stale.length) entry = kept;
    else if (kept && stale.length <= Math.max(50, generations.size / 4))
      [entry, summedWhole] = await this.readAgain(
        filter,
        kept,
        stale,
        generations,
      );
    else {
      // First read of this window, or too many teams moved: composed from a
      // kept window that holds its whole weeks, else one pass.
      const source = sourceOf(this.entries.values(), filter);
      const composed =
        source &&
        (await composeWindow(this.store, source, filter, generations));
      entry = composed ?? {
        filter,
        generations,
        numbers: await this.store.reads.teamWindow(filter),
        byWeek: new Map(),
        additive: await this.unmoved(generations),
      };
    }
    this.entries.delete(key);
    this.entries.set(key, entry);
    if (this.entries.size > this.size)
      this.entries.delete(this.entries.keys().next().value!);
    // Read ahead, a window's teams are read by week at once (it ends today:
    // it will be judged into), so that no reader sums its organisation's
    // weeks again nor meets that read.
    if (ahead) await this.fillByWeek(key, filter);
    else if (summedWhole) void this.fillByWeek(key, filter);
    return entry.numbers;
  }

  /**
   * A kept window with the moved teams read again, by week; and whether the
   * organisation's weeks had to be summed again over every team.
   */
  private async readAgain(
    filter: Filter,
    kept: Entry,
    moved: string[],
    generations: Map<string, number>,
  ): Promise<[Entry, boolean]> {
    const inWindow = new Set(kept.numbers.teams.map(t => t.teamRef));
    const keptWeeks = (team: string) =>
      kept.byWeek.get(team) ?? (inWindow.has(team) ? undefined : []);
    const additive =
      kept.additive && moved.every(t => keptWeeks(t) !== undefined);
    const [fresh, points, deployDays, wholeWeeks] = await Promise.all([
      this.store.reads.teamsByWeek({ ...filter, teamRefs: moved }),
      filter.teamWeeks
        ? this.store.reads.storedPoints({ ...filter, teamRefs: moved })
        : new Map<string, Map<string, WeekCounts>>(),
      this.store.reads.organisationDeployDays(filter),
      additive ? undefined : this.store.reads.organisationWeeks(filter),
    ]);
    const byWeek = new Map(kept.byWeek);
    const teamWeeks = new Map(kept.numbers.teamWeeks);
    const movedSet = new Set(moved);
    const teams = kept.numbers.teams.filter(t => !movedSet.has(t.teamRef));
    for (const team of moved) {
      const weeks = fresh.get(team) ?? [];
      byWeek.set(team, weeks);
      teamWeeks.delete(team);
      const teamPoints = points.get(team);
      if (teamPoints) teamWeeks.set(team, teamPoints);
      if (weeks.length)
        teams.push({ teamRef: team, totals: total(filter.fromDay, weeks) });
    }
    let organisationWeeks: WeekSums[];
    if (wholeWeeks) organisationWeeks = wholeWeeks;
    else {
      const sums = new Map(
        kept.numbers.organisationWeeks.map(w => [w.week, copy(w)]),
      );
      for (const team of moved) {
        for (const w of keptWeeks(team)!) add(sums, w, -1);
        for (const w of fresh.get(team) ?? []) add(sums, w, 1);
      }
      organisationWeeks = [...sums.values()].filter(w => w.rows > 0);
    }
    const entry = {
      filter,
      generations,
      numbers: {
        teams,
        organisationWeeks,
        teamWeeks,
        organisationDeployDays: deployDays,
      },
      byWeek,
      // After a delta the weeks stay the sum of what is kept, whatever
      // committed meanwhile; after a whole read, only if nothing did.
      additive: additive || (await this.unmoved(generations)),
    };
    return [entry, !additive];
  }

  /**
   * Reads by week the window's teams not kept by week, keeping each whose
   * generation stayed the one it is kept under (in the background after a
   * reader's answer; awaited when read ahead).
   */
  private fillByWeek(key: string, filter: Filter): Promise<void> {
    const running = this.filling.get(key);
    if (running) return running;
    const fill = async () => {
      const first = this.entries.get(key);
      if (!first?.additive) return;
      const teams = first.numbers.teams
        .map(t => t.teamRef)
        .filter(t => !first.byWeek.has(t));
      for (const part of chunks(teams, 200)) {
        const before = await this.store.reads.teamGenerations();
        const weeks = await this.store.reads.teamsByWeek({
          ...filter,
          teamRefs: part,
        });
        const after = await this.store.reads.teamGenerations();
        const current = this.entries.get(key);
        if (!current?.additive) return;
        const byWeek = new Map(current.byWeek);
        for (const team of part) {
          const kept = current.generations.get(team) ?? 0;
          if (
            !byWeek.has(team) &&
            (before.get(team) ?? 0) === kept &&
            (after.get(team) ?? 0) === kept
          )
            byWeek.set(team, weeks.get(team) ?? []);
        }
        this.entries.set(key, { ...current, byWeek });
      }
    };
    // A failed read only leaves those teams to be summed whole next time.
    const done = fill()
      .catch(() => {})
      .finally(() => this.filling.delete(key));
    this.filling.set(key, done);
    return done;
  }

  /** No generation moved since these were read (so neither did any row). */
  private async unmoved(generations: Map<string, number>) {
    return !changedTeams(generations, await this.store.reads.teamGenerations())
      .length;
  }
}

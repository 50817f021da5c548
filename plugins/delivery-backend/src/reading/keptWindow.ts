import { WeekCounts, emptyRollup } from '@teamflow/plugin-delivery-common';
import type { RollupTotals } from '../database/DeliveryStore';
import { COUNT_COLUMNS } from '../database/rows';
import type { WeekSums } from '../database/ReadStore';

/** An organisation window: environment, days [fromDay, toDay), team trends. */
export type Filter = {
  environment: string;
  fromDay: string;
  toDay: string;
  teamWeeks: boolean;
};

/** An organisation answer's numbers, as the store's `teamWindow` reads them. */
export type OrganisationNumbers = {
  teams: Array<{ teamRef: string; totals: RollupTotals }>;
  organisationWeeks: WeekSums[];
  teamWeeks: Map<string, Map<string, WeekCounts>>;
  organisationDeployDays: number;
};

/** A window kept between answers. Replaced, never changed. */
export type Entry = {
  filter: Filter;
  /** Each team's generation when its numbers were read (or earlier). */
  generations: Map<string, number>;
  numbers: OrganisationNumbers;
  /** Per team its sums by week, for the teams read by week so far. */
  byWeek: Map<string, WeekSums[]>;
  /**
   * The organisation's weeks are the sum of every team's numbers as kept
   * here: a team's change can be added to them as (new − kept) weeks.
   */
  additive: boolean;
};

/** A rollup's counts, by the keys the store reads them into. */
const COUNTS = COUNT_COLUMNS.map(([, key]) => key);

/** Teams whose generation differs between two readings (0: no row). */
export function changedTeams(
  before: Map<string, number>,
  now: Map<string, number>,
): string[] {
  const out: string[] = [];
  for (const [team, generation] of now)
    if ((before.get(team) ?? 0) !== generation) out.push(team);
  for (const [team, generation] of before)
    if (!now.has(team) && generation !== 0) out.push(team);
  return out;
}

/**
 * A team's window totals from its weeks (2,000 teams' at once when a window
 * is composed: loops into one object built without `delete`, ~1.3× faster
 * than merging the rollups and spreading the result).
 */
export function total(fromDay: string, weeks: WeekSums[]): RollupTotals {
  const {
    leadTimes: _exactLead,
    recoveryTimes: _exactRecovery,
    ...zero
  } = emptyRollup(fromDay);
  const out: RollupTotals = { ...zero, deployDays: 0 };
  for (const w of weeks) {
    for (const k of COUNTS) out[k] += w.rollup[k];
    sumInto(out.leadHistogram, w.rollup.leadHistogram, 1);
    sumInto(out.recoveryHistogram, w.rollup.recoveryHistogram, 1);
    out.deployDays += w.deployDays;
  }
  return out;
}

function sumInto(into: number[], from: number[], sign: number) {
  for (let i = 0; i < from.length; i++) into[i] += sign * from[i];
}

export function copy(w: WeekSums): WeekSums {
  return {
    ...w,
    rollup: {
      ...w.rollup,
      leadHistogram: [...w.rollup.leadHistogram],
      recoveryHistogram: [...w.rollup.recoveryHistogram],
    },
  };
}

/** Adds (sign 1) or takes away (−1) a team's week from the organisation's. */
export function add(sums: Map<string, WeekSums>, w: WeekSums, sign: 1 | -1) {
  let into = sums.get(w.week);
  if (!into) {
    into = copy(w);
    for (const k of COUNTS) into.rollup[k] = 0;
    into.rollup.leadHistogram.fill(0);
    into.rollup.recoveryHistogram.fill(0);
    into.deployDays = 0;
    into.rows = 0;
    sums.set(w.week, into);
  }
  for (const k of COUNTS) into.rollup[k] += sign * w.rollup[k];
  sumInto(into.rollup.leadHistogram, w.rollup.leadHistogram, sign);
  sumInto(into.rollup.recoveryHistogram, w.rollup.recoveryHistogram, sign);
  into.deployDays += sign * w.deployDays;
  into.rows += sign * w.rows;
}

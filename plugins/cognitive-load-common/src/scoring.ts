import {
  Answers,
  GroupScores,
  Instrument,
  InstrumentItem,
  LOAD_SUBSCALES,
  Measure,
  SpreadBand,
  SUBSCALES,
  Subscale,
  SubscaleResult,
} from './types';

/**
 * One answer on a 0–100 scale (PRODUCT.md §3.3): (s − 1) / 4 × 100 for a
 * negative statement, reversed, (5 − s) / 4 × 100, for a positive one. For the
 * load subscales that is load; for germane it is computed the other way round,
 * as headroom: agreeing with "we have time to learn" is headroom, not load.
 *
 * @public
 */
export function itemScore(item: InstrumentItem, answer: number): number {
  const agreement = ((answer - 1) / 4) * 100;
  const towardsConstruct =
    item.subscale === 'germane'
      ? item.polarity === 'positive'
      : item.polarity === 'negative';
  return towardsConstruct ? agreement : 100 - agreement;
}

/** One respondent's subscale means (answered statements only) and overall load. @public */
export type RespondentScores = Partial<Record<Subscale, number>> & {
  load?: number;
};

/**
 * One respondent's scores: each subscale is the mean of the statements they
 * answered ("not applicable" left out; no answered statement, no value); load
 * is the mean of the load subscales they have (germane never adds to it).
 *
 * @public
 */
export function scoreRespondent(
  instrument: Instrument,
  answers: Answers,
): RespondentScores {
  // One pass over the statements: this runs for every response of a wave.
  const sums: Partial<Record<Subscale, [number, number]>> = {};
  for (const item of instrument.items) {
    const a = answers[item.id];
    if (typeof a !== 'number') continue;
    const acc = (sums[item.subscale] ??= [0, 0]);
    acc[0] += itemScore(item, a);
    acc[1] += 1;
  }
  const scores: RespondentScores = {};
  let loadSum = 0;
  let loadCount = 0;
  for (const subscale of SUBSCALES) {
    const acc = sums[subscale];
    if (!acc) continue;
    scores[subscale] = acc[0] / acc[1];
    if (LOAD_SUBSCALES.includes(subscale)) {
      loadSum += scores[subscale]!;
      loadCount += 1;
    }
  }
  if (loadCount) scores.load = loadSum / loadCount;
  return scores;
}

/** Quantile with linear interpolation between closest ranks (sorted input). @public */
export function quantile(sorted: ArrayLike<number>, q: number): number {
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo);
}

/**
 * The smallest number of people a spread is published from: twice k. Exact
 * quartiles of three people are their three answers (median, 2·p25 − median,
 * 2·p75 − median); even banded, a spread of few people says too much about
 * each of them.
 *
 * @public
 */
export function spreadMinimum(k: number): number {
  return 2 * k;
}

/** The band of an interquartile range, in points of the 0–100 scale. @public */
export function spreadBand(iqr: number): SpreadBand {
  if (iqr < 15) return 'narrow';
  if (iqr < 30) return 'moderate';
  return 'wide';
}

/**
 * One measure of a group as it may be published: the median in whole points,
 * n, and the spread as a band only from {@link spreadMinimum} people. Never
 * quartiles, never a value of fewer than k people (callers check k first).
 *
 * @public
 */
export function summariseMeasure(
  values: ArrayLike<number>,
  k: number,
): SubscaleResult | undefined {
  if (values.length === 0) return undefined;
  // A typed array sorts numerically, and several times faster: roll-ups of
  // a whole organisation sort tens of thousands of values per measure.
  const sorted = Float64Array.from(values).sort();
  const result: SubscaleResult = {
    median: Math.round(quantile(sorted, 0.5)),
    n: values.length,
  };
  if (values.length >= spreadMinimum(k)) {
    result.spread = spreadBand(quantile(sorted, 0.75) - quantile(sorted, 0.25));
  }
  return result;
}

/** Every measure a result carries, load first. @public */
export const MEASURES: Measure[] = ['load', ...SUBSCALES];

const valueOf = (r: RespondentScores, m: Measure) =>
  m === 'load' ? r.load : r[m];

/** How many respondents have a value for each measure. @public */
export function measureCounts(
  respondents: RespondentScores[],
): Record<Measure, number> {
  const counts = Object.fromEntries(MEASURES.map(m => [m, 0])) as Record<
    Measure,
    number
  >;
  for (const r of respondents) {
    for (const m of MEASURES) if (valueOf(r, m) !== undefined) counts[m] += 1;
  }
  return counts;
}

/**
 * A group's scores from its respondents' answers, every measure answered by
 * at least k people released. The service decides per measure across groups
 * (see `decideRelease`); this is the single-group case.
 *
 * @public
 */
export function scoreGroup(
  instrument: Instrument,
  responses: Answers[],
  k: number,
): GroupScores {
  const respondents = responses.map(a => scoreRespondent(instrument, a));
  const counts = measureCounts(respondents);
  return summariseRespondents(respondents, {
    k,
    released: m => counts[m] >= k,
  });
}

/**
 * {@link scoreGroup} from respondents already scored (each person once), for
 * the measures `released` allows; measures someone answered but that are not
 * released are listed in `withheld`.
 *
 * @public
 */
export function summariseRespondents(
  respondents: RespondentScores[],
  options: { k: number; released: (measure: Measure) => boolean },
): GroupScores {
  const scores: GroupScores = {
    n: respondents.length,
    subscales: {},
    withheld: [],
  };
  // One pass over the respondents, one list of values per measure.
  const values = MEASURES.map(() => [] as number[]);
  for (const r of respondents) {
    for (let i = 0; i < MEASURES.length; i++) {
      const v = valueOf(r, MEASURES[i]);
      if (v !== undefined) values[i].push(v);
    }
  }
  MEASURES.forEach((m, i) => {
    if (values[i].length === 0) return;
    if (!options.released(m) || values[i].length < options.k) {
      scores.withheld.push(m);
      return;
    }
    const result = summariseMeasure(values[i], options.k)!;
    if (m === 'load') scores.load = result;
    else scores.subscales[m] = result;
  });
  return scores;
}

import {
  Answers,
  GroupScores,
  Instrument,
  InstrumentItem,
  LOAD_SUBSCALES,
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
export function quantile(sorted: number[], q: number): number {
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo);
}

const round1 = (n: number) => Math.round(n * 10) / 10;

function summarise(values: number[]): SubscaleResult | undefined {
  if (values.length === 0) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  return {
    median: round1(quantile(sorted, 0.5)),
    p25: round1(quantile(sorted, 0.25)),
    p75: round1(quantile(sorted, 0.75)),
    n: values.length,
  };
}

/**
 * A group's scores from its respondents' answers: per subscale and for load,
 * the median across respondents with the interquartile range as spread. The
 * caller decides whether the group may be shown (see `decideRelease`).
 *
 * @public
 */
export function scoreGroup(
  instrument: Instrument,
  responses: Answers[],
): GroupScores {
  return summariseRespondents(
    responses.map(a => scoreRespondent(instrument, a)),
  );
}

/**
 * {@link scoreGroup} from respondents already scored, so a respondent counted
 * in a team and in every group above it is scored once.
 *
 * @public
 */
export function summariseRespondents(
  respondents: RespondentScores[],
): GroupScores {
  const subscales: GroupScores['subscales'] = {};
  for (const subscale of SUBSCALES) {
    const result = summarise(
      respondents.flatMap(r =>
        r[subscale] === undefined ? [] : [r[subscale]!],
      ),
    );
    if (result) subscales[subscale] = result;
  }
  return {
    n: respondents.length,
    subscales,
    load: summarise(
      respondents.flatMap(r => (r.load === undefined ? [] : [r.load])),
    ),
  };
}

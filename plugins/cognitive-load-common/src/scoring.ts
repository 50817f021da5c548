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
  const scores: RespondentScores = {};
  for (const subscale of SUBSCALES) {
    const values = instrument.items
      .filter(i => i.subscale === subscale)
      .flatMap(i => {
        const a = answers[i.id];
        return typeof a === 'number' ? [itemScore(i, a)] : [];
      });
    if (values.length) {
      scores[subscale] = values.reduce((s, v) => s + v, 0) / values.length;
    }
  }
  const load = LOAD_SUBSCALES.flatMap(s =>
    scores[s] === undefined ? [] : [scores[s]!],
  );
  if (load.length) scores.load = load.reduce((s, v) => s + v, 0) / load.length;
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
  const respondents = responses.map(a => scoreRespondent(instrument, a));
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
    n: responses.length,
    subscales,
    load: summarise(
      respondents.flatMap(r => (r.load === undefined ? [] : [r.load])),
    ),
  };
}

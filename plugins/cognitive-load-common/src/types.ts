/** The four subscales of PRODUCT.md §3.3. @public */
export const SUBSCALES = [
  'intrinsic',
  'extraneous',
  'flow',
  'germane',
] as const;

/** One of the four subscales. @public */
export type Subscale = (typeof SUBSCALES)[number];

/** The three subscales that add up to load; germane is headroom. @public */
export const LOAD_SUBSCALES: Subscale[] = ['intrinsic', 'extraneous', 'flow'];

/** Each subscale's title as the pages show it. @public */
export const SUBSCALE_TITLES: Record<Subscale, string> = {
  intrinsic: 'Intrinsic (domain)',
  extraneous: 'Extraneous (delivery friction)',
  flow: 'Flow and interaction',
  germane: 'Learning headroom',
};

/**
 * One statement. `positive`: agreeing means less load (or, for germane, more
 * headroom); `negative`: agreeing means more load (less headroom).
 *
 * @public
 */
export type InstrumentItem = {
  id: string;
  text: string;
  subscale: Subscale;
  polarity: 'positive' | 'negative';
};

/** A versioned questionnaire. @public */
export type Instrument = {
  id: string;
  version: number;
  title: string;
  items: InstrumentItem[];
};

/** Answers by item id: 1 (strongly disagree) to 5 (strongly agree), or null for "not applicable". @public */
export type Answers = Record<string, number | null>;

/** A wave's life: before opensAt, between, after closesAt (or closed early). @public */
export type WaveStatus = 'scheduled' | 'open' | 'closed';

/** A survey wave: when it is open, which instrument it asks and whom. @public */
export type Wave = {
  id: string;
  title: string;
  instrumentId: string;
  instrumentVersion: number;
  opensAt: string;
  closesAt: string;
  closedEarlyAt?: string;
  status: WaveStatus;
  createdBy: string;
  teamCount: number;
  /** The surveyed teams; left out where a wave is only referred to (results). */
  teams?: string[];
};

/** How a group's results may be shown. @public */
export type ReleaseStatus =
  | 'released'
  | 'not-enough-responses'
  | 'no-data'
  | 'suppressed'
  /** A roll-up of a wave that is still open: shown when the wave closes. */
  | 'at-close';

/**
 * How far a group's answers lie apart, in three coarse bands of the
 * interquartile range (narrow: under 15 points, moderate: 15 to 30, wide: 30
 * or more). Published only from at least `spreadMinimum(k)` people: exact
 * quartiles of a few people give their answers away (see the README).
 *
 * @public
 */
export type SpreadBand = 'narrow' | 'moderate' | 'wide';

/** One published measure (a subscale or load) of a group. @public */
export type SubscaleResult = {
  /** Median across the people who answered this part, in whole points. */
  median: number;
  /** People who answered this part (each counted once). */
  n: number;
  /** Present only when n is at least `spreadMinimum(k)`. */
  spread?: SpreadBand;
  /**
   * Differentially private roll-ups only: `median` then holds the noisy mean
   * (see `privateMean`), with its expected absolute error and ε.
   */
  private?: { expectedError: number; epsilon: number };
};

/** A measure a group result may carry: the four subscales and load. @public */
export type Measure = Subscale | 'load';

/** A group's scores in one wave, present only when released. @public */
export type GroupScores = {
  /** People counted (each once, however many surveyed teams they are in). */
  n: number;
  /** Released subscales only. */
  subscales: Partial<Record<Subscale, SubscaleResult>>;
  /** Mean of each respondent's load subscales, then median across respondents. */
  load?: SubscaleResult;
  /**
   * Measures held back although the group is shown: fewer than k people
   * answered that part ("not applicable" elsewhere), or showing it would let
   * someone work out that part for a smaller group.
   */
  withheld: Measure[];
};

/** One group's line in a wave's results: scores only when released. @public */
export type GroupResult = {
  ref: string;
  title: string;
  type?: string;
  parentRef?: string;
  depth: number;
  /** Whether respondents answered for this group itself (a surveyed team) or it is a roll-up. */
  surveyed: boolean;
  status: ReleaseStatus;
  scores?: GroupScores;
  /**
   * For a team whose own results are withheld: the nearest group above it
   * whose results are shown and include its answers.
   */
  countedIn?: { ref: string; title: string };
};

/** Change of a group between two waves, for the measures released in both. @public */
export type ResultChange = {
  fromWaveId: string;
  fromWaveTitle: string;
  load?: number;
  subscales: Partial<Record<Subscale, number>>;
};

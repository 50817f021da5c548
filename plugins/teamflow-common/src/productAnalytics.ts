/*
 * Product analytics: which persona a product user is (rules declared on the
 * Persona over the traits of Segment `identify` calls), which features an
 * event is use of (names and patterns declared on the Feature), and the
 * shapes the usage API answers with. Pure and isomorphic.
 */

/**
 * One condition on a trait: a value it equals, a list of values it is one
 * of, or bounds / presence.
 *
 * @public
 */
export type TraitCondition =
  | string
  | number
  | boolean
  | Array<string | number | boolean>
  | { gte?: number; lte?: number; exists?: boolean };

/**
 * A rule recognising a persona: trait name to condition; every condition
 * must hold. A Persona's `spec.analytics.rules` lists one or more; any one
 * matching is enough.
 *
 * @public
 */
export type PersonaRule = Record<string, TraitCondition>;

/** A persona and its rules, as the assignment needs them. @public */
export type PersonaRules = { persona: string; rules: PersonaRule[] };

function holds(condition: TraitCondition, value: unknown): boolean {
  if (Array.isArray(condition)) return condition.some(c => holds(c, value));
  if (typeof condition === 'object' && condition !== null) {
    const present = value !== undefined && value !== null && value !== '';
    if (condition.exists !== undefined && condition.exists !== present)
      return false;
    if (condition.gte === undefined && condition.lte === undefined) return true;
    const n = typeof value === 'string' ? Number(value) : value;
    if (typeof n !== 'number' || !Number.isFinite(n)) return false;
    if (condition.gte !== undefined && n < condition.gte) return false;
    if (condition.lte !== undefined && n > condition.lte) return false;
    return true;
  }
  if (typeof condition === 'string' && typeof value === 'string')
    return (
      condition.toLocaleLowerCase('en-US') === value.toLocaleLowerCase('en-US')
    );
  return condition === value;
}

/**
 * The persona a product user with these traits is: among the personas with
 * a rule whose every condition holds, the one whose matching rule is the most
 * specific (most conditions); ties go to the persona ref first in
 * alphabetical order, so the answer never depends on catalog order.
 * `undefined` when no rule matches: the user counts as unassigned.
 *
 * @public
 */
export function personaForTraits(
  personas: PersonaRules[],
  traits: Record<string, unknown>,
): string | undefined {
  let best: { persona: string; specificity: number } | undefined;
  for (const { persona, rules } of personas) {
    for (const rule of rules) {
      const keys = Object.keys(rule);
      if (keys.length === 0) continue;
      if (!keys.every(k => holds(rule[k], traits[k]))) continue;
      if (
        !best ||
        keys.length > best.specificity ||
        (keys.length === best.specificity && persona < best.persona)
      )
        best = { persona, specificity: keys.length };
    }
  }
  return best?.persona;
}

/** How a feature's use shows in product analytics (its `spec.analytics`). @public */
export type FeatureAnalytics = {
  /** Event names (exact, case-insensitive) or patterns with `*` that count as use. */
  events?: string[];
  /** Events meaning the user's task with the feature succeeded (HEART task success). */
  success?: string[];
  /** Events meaning it failed. */
  failure?: string[];
  /** An event carrying a satisfaction score (HEART happiness), e.g. CSAT or NPS. */
  happiness?: { event: string; property: string };
};

/** What one event is to one feature. @public */
export type FeatureHit = {
  feature: string;
  success: boolean;
  failure: boolean;
  /** The score property to read, when the event is the feature's happiness event. */
  scoreProperty?: string;
};

function patternOf(name: string) {
  const lower = name.toLocaleLowerCase('en-US');
  if (!lower.includes('*')) return (e: string) => e === lower;
  const re = new RegExp(
    `^${lower
      .split('*')
      .map(p => p.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
      .join('.*')}$`,
  );
  return (e: string) => re.test(e);
}

/**
 * Builds the lookup from an event name to the features it is use of. Every
 * declared event — use, success, failure and happiness — counts as use.
 *
 * @public
 */
export function featureMatcher(
  features: Array<{ feature: string; analytics?: FeatureAnalytics }>,
): (event: string) => FeatureHit[] {
  const tests = features.flatMap(({ feature, analytics }) => {
    if (!analytics) return [];
    const names = (list?: string[]) => (list ?? []).map(patternOf);
    const use = names(analytics.events);
    const success = names(analytics.success);
    const failure = names(analytics.failure);
    const happiness = analytics.happiness
      ? patternOf(analytics.happiness.event)
      : undefined;
    return [{ feature, use, success, failure, happiness, analytics }];
  });
  const cache = new Map<string, FeatureHit[]>();
  return (event: string) => {
    const e = event.toLocaleLowerCase('en-US');
    const known = cache.get(e);
    if (known) return known;
    const hits: FeatureHit[] = [];
    for (const t of tests) {
      const isSuccess = t.success.some(m => m(e));
      const isFailure = t.failure.some(m => m(e));
      const isScore = t.happiness?.(e) ?? false;
      if (!(isSuccess || isFailure || isScore || t.use.some(m => m(e))))
        continue;
      hits.push({
        feature: t.feature,
        success: isSuccess,
        failure: isFailure,
        scoreProperty: isScore ? t.analytics.happiness!.property : undefined,
      });
    }
    if (cache.size < 10_000) cache.set(e, hits);
    return hits;
  };
}

// Ingest asks for the week of every event and its neighbours' weeks, over
// a few hundred distinct days: answers are kept (bounded), since parsing and
// formatting dates was ~8 % of ingest's Node time (CPU profile, 2026-12-03).
const mondays = new Map<string, string>();
const shifted = new Map<string, string>();
function remember(cache: Map<string, string>, key: string, value: string) {
  if (cache.size >= 10_000) cache.clear();
  cache.set(key, value);
  return value;
}

/** Monday (UTC) of the ISO week of a YYYY-MM-DD day, as YYYY-MM-DD. @public */
export function weekOf(day: string): string {
  const known = mondays.get(day);
  if (known !== undefined) return known;
  const t = Date.parse(`${day}T00:00:00Z`);
  const weekday = (new Date(t).getUTCDay() + 6) % 7;
  return remember(
    mondays,
    day,
    new Date(t - weekday * 86_400_000).toISOString().slice(0, 10),
  );
}

/** The Monday `weeks` weeks after (or before, negative) a Monday. @public */
export function addWeeks(week: string, weeks: number): string {
  const key = `${week}${weeks}`;
  const known = shifted.get(key);
  if (known !== undefined) return known;
  return remember(
    shifted,
    key,
    new Date(Date.parse(`${week}T00:00:00Z`) + weeks * 7 * 86_400_000)
      .toISOString()
      .slice(0, 10),
  );
}

/** The persona key of users matching no persona. @public */
export const UNASSIGNED_PERSONA = 'unassigned';

/**
 * HEART figures of one feature for one persona over a window of complete
 * weeks. Active users are distinct users per ISO week; `activeUsers` is the
 * window's weekly average.
 *
 * @public
 */
export type FeatureUsage = {
  feature: string;
  /** A Persona ref, or `unassigned`. */
  persona: string;
  /** Weekly active users, averaged over the window's weeks. */
  activeUsers: number;
  events: number;
  /** Users whose first use of the feature fell in the window (adoption). */
  newUsers: number;
  /** Of the users active in a week, the share active again the next week; null without users. */
  retention: number | null;
  /** Success events over success plus failure; null when neither was sent. */
  taskSuccess: number | null;
  /** The mean declared score; null without scores. */
  happiness: number | null;
  /** Weekly active users per week, oldest first (the trend). */
  weekly: Array<{ week: string; activeUsers: number }>;
  /** Whether the feature declares this persona as a target. */
  targeted: boolean;
  /** The feature's lifecycle (idea … retired): not reaching anyone before launch is expected. */
  lifecycle?: string;
};

/** `GET /analytics/personas/:namespace/:name` and `/analytics/features/...`. @public */
export type UsageResponse = {
  /** Monday of the first and last complete week of the window. */
  from: string;
  to: string;
  weeks: number;
  /** False when no analytics source is configured. */
  connected: boolean;
  /** When the last event arrived (ISO), if any. */
  lastEventAt?: string;
  usage: FeatureUsage[];
  /** The week in progress so far (it shows within a minute of an event). */
  thisWeek: Array<{
    feature: string;
    persona: string;
    activeUsers: number;
    events: number;
  }>;
};

/**
 * One persona's engagement: its users of each feature summed (a user of two
 * features counts twice) and events, over the window against the same
 * number of weeks before.
 *
 * @public
 */
export type PersonaEngagement = {
  /** A Persona ref, or `unassigned`. */
  persona: string;
  featureUsers: number;
  previousFeatureUsers: number;
  events: number;
  previousEvents: number;
  /** Feature users against the weeks before, in percent; null without use before. */
  change: number | null;
  /** The features it used most in the window, most first (at most three). */
  topFeatures: string[];
};

/** `GET /analytics/personas`: every persona's engagement, falling most first. @public */
export type EngagementResponse = {
  from: string;
  to: string;
  weeks: number;
  connected: boolean;
  personas: PersonaEngagement[];
};

/** A fall at least this large (percent) is reported as falling engagement. @public */
export const ENGAGEMENT_FALLING_PERCENT = -10;

/** The figures a North Star or input metric can be computed from. @public */
export const NORTH_STAR_FIGURES = [
  'activeUsers',
  'events',
  'newUsers',
  'retention',
  'taskSuccess',
  'happiness',
] as const;

/** A figure a North Star or input metric can be computed from. @public */
export type NorthStarFigure = (typeof NORTH_STAR_FIGURES)[number];

/**
 * Where a metric's weekly values come from: a HEART figure of a feature
 * (optionally for one persona), or a time series fed through
 * `POST /api/teamflow/analytics/v1/series`.
 *
 * @public
 */
export type MetricSource =
  | { feature: string; figure: NorthStarFigure; persona?: string }
  | {
      series: string;
      /** How a week's daily values make its value: `sum` (counts) or `mean` (rates; default). */
      week?: 'sum' | 'mean';
    };

/** A metric of a North Star tree. @public */
export type NorthStarMetric = {
  name: string;
  description?: string;
  source: MetricSource;
  /** Features that move it (their owning teams are the teams that move it). */
  movedBy?: string[];
};

/**
 * A Domain's `spec.northStar`: the one metric the product area steers by
 * and the 3–5 input metrics that drive it.
 *
 * @public
 */
export type NorthStar = NorthStarMetric & { inputs: NorthStarMetric[] };

/** A metric with its weekly values, as `GET /analytics/north-stars` answers. @public */
export type NorthStarMetricValues = NorthStarMetric & {
  /** One value per complete week, oldest first; null for a week without data. */
  weekly: Array<{ week: string; value: number | null }>;
  /** The last complete week's value. */
  latest: number | null;
  /** Mean of the last four weeks against the four before, in percent. */
  change: number | null;
  /** The teams owning the features that move it. */
  teams: string[];
};

/** One Domain's North Star tree with values. @public */
export type NorthStarTree = {
  domain: string;
  northStar: NorthStarMetricValues;
  inputs: NorthStarMetricValues[];
};

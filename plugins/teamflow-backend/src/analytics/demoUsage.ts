/*
 * Six months of generated Basketly product usage, written as daily
 * aggregates (the shape ingest produces), telling three stories:
 * - express slots were aimed at last-minute shoppers and are used mostly by
 *   weekly family shoppers;
 * - one-tap reorder launched ten weeks ago and its task success and weekly
 *   users rose after it;
 * - smart substitutions launched too and nothing moved (flat, unhappy).
 * Loyalty points lose family shoppers week after week, and couriers take
 * fewer proof-of-delivery photos since an app update six weeks ago (their
 * engagement falls on the CTO overview).
 */
import { weekOf } from '@teamflow/plugin-teamflow-common';
import { DailyCounts } from './database/AnalyticsStore';

const DAY = 86_400_000;
const p = (name: string) => `persona:default/${name}`;
const f = (name: string) => `feature:default/${name}`;

type Curve = (weeksAgo: number) => number;
const flat =
  (users: number): Curve =>
  () =>
    users;
const launchedAgo =
  (weeks: number, before: number, after: number): Curve =>
  w =>
    w > weeks ? before : before + ((after - before) * (weeks - w + 1)) / weeks;
const falling =
  (from: number, to: number): Curve =>
  w =>
    to + ((from - to) * w) / 26;

type Series = {
  feature: string;
  persona: string;
  users: Curve;
  retention: number;
  eventsPerUser: number;
  success?: Curve;
  happiness?: number;
};

const SERIES: Series[] = [
  // Aimed at last-minute shoppers, used mostly by family shoppers.
  {
    feature: f('express-slots'),
    persona: p('weekly-family-shopper'),
    users: launchedAgo(20, 40, 610),
    retention: 0.62,
    eventsPerUser: 1.3,
  },
  {
    feature: f('express-slots'),
    persona: p('last-minute-shopper'),
    users: launchedAgo(20, 20, 140),
    retention: 0.35,
    eventsPerUser: 1.1,
  },
  // A launch that moved its outcome.
  {
    feature: f('one-tap-reorder'),
    persona: p('weekly-family-shopper'),
    users: launchedAgo(10, 60, 920),
    retention: 0.71,
    eventsPerUser: 2.4,
    success: launchedAgo(10, 0.58, 0.9),
    happiness: 4.4,
  },
  {
    feature: f('one-tap-reorder'),
    persona: p('last-minute-shopper'),
    users: flat(45),
    retention: 0.3,
    eventsPerUser: 1.2,
    success: flat(0.7),
  },
  // A launch that did not.
  {
    feature: f('smart-substitutions'),
    persona: p('weekly-family-shopper'),
    users: launchedAgo(12, 150, 165),
    retention: 0.33,
    eventsPerUser: 1.1,
    success: flat(0.52),
    happiness: 2.6,
  },
  {
    feature: f('search-as-you-type'),
    persona: p('weekly-family-shopper'),
    users: flat(1350),
    retention: 0.8,
    eventsPerUser: 6.5,
  },
  {
    feature: f('search-as-you-type'),
    persona: p('last-minute-shopper'),
    users: flat(700),
    retention: 0.58,
    eventsPerUser: 3.1,
  },
  {
    feature: f('live-order-tracking'),
    persona: p('last-minute-shopper'),
    users: flat(640),
    retention: 0.6,
    eventsPerUser: 4.2,
  },
  {
    feature: f('live-order-tracking'),
    persona: p('weekly-family-shopper'),
    users: flat(380),
    retention: 0.55,
    eventsPerUser: 1.6,
  },
  {
    feature: f('order-amendments'),
    persona: p('weekly-family-shopper'),
    users: flat(430),
    retention: 0.5,
    eventsPerUser: 1.8,
  },
  {
    feature: f('saved-payment-methods'),
    persona: p('last-minute-shopper'),
    users: flat(520),
    retention: 0.66,
    eventsPerUser: 1.2,
  },
  {
    feature: f('saved-payment-methods'),
    persona: p('weekly-family-shopper'),
    users: flat(690),
    retention: 0.74,
    eventsPerUser: 1.1,
  },
  // Falling engagement.
  {
    feature: f('loyalty-points'),
    persona: p('weekly-family-shopper'),
    users: falling(880, 310),
    retention: 0.45,
    eventsPerUser: 1.9,
    happiness: 3.1,
  },
  {
    feature: f('loyalty-points'),
    persona: p('last-minute-shopper'),
    users: flat(90),
    retention: 0.3,
    eventsPerUser: 1.1,
  },
  {
    feature: f('picker-route-guidance'),
    persona: p('store-picker'),
    users: flat(210),
    retention: 0.93,
    eventsPerUser: 160,
    success: flat(0.97),
  },
  {
    feature: f('stock-alerts'),
    persona: p('store-picker'),
    users: flat(180),
    retention: 0.9,
    eventsPerUser: 22,
  },
  {
    feature: f('courier-shift-swap'),
    persona: p('courier'),
    users: flat(95),
    retention: 0.4,
    eventsPerUser: 1.4,
  },
  {
    feature: f('proof-of-delivery-photo'),
    persona: p('courier'),
    users: launchedAgo(6, 330, 190),
    retention: 0.95,
    eventsPerUser: 48,
  },
  {
    feature: f('merchant-catalogue-upload'),
    persona: p('independent-grocer'),
    users: flat(64),
    retention: 0.55,
    eventsPerUser: 2,
  },
  {
    feature: f('service-templates'),
    persona: p('product-engineer'),
    users: flat(28),
    retention: 0.35,
    eventsPerUser: 1.3,
  },
  // Users matching no persona rule are counted, never dropped.
  {
    feature: f('search-as-you-type'),
    persona: 'unassigned',
    users: flat(240),
    retention: 0.2,
    eventsPerUser: 2.2,
  },
  {
    feature: f('express-slots'),
    persona: 'unassigned',
    users: launchedAgo(20, 5, 60),
    retention: 0.2,
    eventsPerUser: 1,
  },
];

/** A small deterministic generator, so every demo portal tells the same story. */
function random(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

/**
 * Daily aggregate rows for the 26 weeks before today's week and the days of
 * this week so far.
 */
export function demoUsageRows(now: number) {
  const today = new Date(now).toISOString().slice(0, 10);
  const thisWeek = weekOf(today);
  const rows: DailyCounts[] = [];
  for (const [index, s] of SERIES.entries()) {
    // One generator per series: its numbers do not depend on the weekday.
    const rnd = random(20261201 + index);
    let previous = 0;
    for (let weeksAgo = 26; weeksAgo >= 0; weeksAgo--) {
      const monday = Date.parse(`${thisWeek}T00:00:00Z`) - weeksAgo * 7 * DAY;
      const noise = 0.93 + rnd() * 0.14;
      const users = Math.max(1, Math.round(s.users(weeksAgo) * noise));
      const returning = Math.min(users, Math.round(previous * s.retention));
      // Users never seen before: at least those who are not returning, less
      // those coming back from before the week prior.
      const fresh = Math.max(
        0,
        Math.round((users - returning) * (weeksAgo > 20 ? 0.6 : 0.35)),
      );
      // The week's users and returners spread over its days, most on Monday
      // and Saturday (the weekly shop).
      const shares = [0.24, 0.1, 0.1, 0.12, 0.1, 0.22, 0.12];
      const days = weeksAgo === 0 ? (now - monday) / DAY + 1 : 7;
      let placedUsers = 0;
      let placedReturning = 0;
      let placedNew = 0;
      for (let d = 0; d < Math.min(7, Math.floor(days)); d++) {
        const last = d === 6;
        const share = shares[d];
        const u = last ? users - placedUsers : Math.round(users * share);
        const r = last
          ? returning - placedReturning
          : Math.round(returning * share);
        const n = last ? fresh - placedNew : Math.round(fresh * share);
        placedUsers += u;
        placedReturning += r;
        placedNew += n;
        const events = Math.round(
          users * s.eventsPerUser * share * (0.9 + rnd() * 0.2),
        );
        const successRate = s.success?.(weeksAgo);
        const tasks = successRate !== undefined ? Math.round(events * 0.4) : 0;
        const successes = Math.round(tasks * (successRate ?? 0));
        const scores = s.happiness ? Math.round(u * 0.08) : 0;
        rows.push({
          feature: s.feature,
          persona: s.persona,
          day: new Date(monday + d * DAY).toISOString().slice(0, 10),
          events,
          week_users: Math.max(0, u),
          returning_users: Math.max(0, r),
          new_users: Math.max(0, n),
          successes,
          failures: tasks - successes,
          score_sum: scores * (s.happiness ?? 0) + (scores ? rnd() - 0.5 : 0),
          scores,
        });
      }
      previous = users;
    }
  }
  return rows;
}

/**
 * The demo's fed series: weekly shops completed, a day at a time, rising
 * with one-tap reorder's launch ten weeks ago (about 5,200 a week before,
 * 6,300 now).
 */
export function demoSeries(now: number) {
  const rnd = random(7);
  const points: Array<{ day: string; value: number }> = [];
  const today = Date.parse(
    `${new Date(now).toISOString().slice(0, 10)}T00:00:00Z`,
  );
  for (let d = 26 * 7; d >= 1; d--) {
    const weeksAgo = d / 7;
    const lift = weeksAgo > 10 ? 0 : ((10 - weeksAgo) / 10) * 1100;
    const perWeek = 5200 + lift;
    points.push({
      day: new Date(today - d * DAY).toISOString().slice(0, 10),
      value: Math.round((perWeek / 7) * (0.95 + rnd() * 0.1)),
    });
  }
  return { 'weekly-shops-completed': points };
}

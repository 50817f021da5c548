import { createHash } from 'node:crypto';
import { LoggerService } from '@backstage/backend-plugin-api';
import {
  Answers,
  Instrument,
  Subscale,
} from '@teamflow/plugin-cognitive-load-common';
import { SurveyService } from './SurveyService';

type Profile = Record<Subscale, number>;

// Target scores (0–100; germane as headroom) per demo team for the two closed
// waves, chosen to tell a story: Checkout getting worse, Developer Experience
// comfortable, Route Optimisation high on intrinsic load as a
// complicated-subsystem team should be.
const PROFILES: Record<string, [Profile, Profile]> = {
  checkout: [
    { intrinsic: 55, extraneous: 60, flow: 60, germane: 35 },
    { intrinsic: 60, extraneous: 74, flow: 72, germane: 22 },
  ],
  'order-flow': [
    { intrinsic: 50, extraneous: 50, flow: 72, germane: 30 },
    { intrinsic: 50, extraneous: 46, flow: 76, germane: 32 },
  ],
  'data-platform': [
    { intrinsic: 60, extraneous: 45, flow: 55, germane: 40 },
    { intrinsic: 62, extraneous: 38, flow: 50, germane: 46 },
  ],
  'developer-experience': [
    { intrinsic: 35, extraneous: 25, flow: 30, germane: 70 },
    { intrinsic: 34, extraneous: 20, flow: 28, germane: 74 },
  ],
  discovery: [
    { intrinsic: 45, extraneous: 35, flow: 40, germane: 60 },
    { intrinsic: 44, extraneous: 30, flow: 38, germane: 62 },
  ],
  'customer-accounts': [
    { intrinsic: 55, extraneous: 50, flow: 45, germane: 45 },
    { intrinsic: 58, extraneous: 56, flow: 50, germane: 40 },
  ],
  'route-optimisation': [
    { intrinsic: 75, extraneous: 35, flow: 30, germane: 50 },
    { intrinsic: 78, extraneous: 34, flow: 32, germane: 50 },
  ],
};
const DEFAULT_PROFILE: Profile = {
  intrinsic: 45,
  extraneous: 40,
  flow: 40,
  germane: 55,
};

/** A deterministic number in [0, 1) from a string. */
function unit(seed: string) {
  return createHash('sha256').update(seed).digest().readUInt32BE(0) / 2 ** 32;
}

/** Answers a person with this profile would plausibly give. */
export function answersFor(
  instrument: Instrument,
  profile: Profile,
  seed: string,
): Answers {
  return Object.fromEntries(
    instrument.items.map(item => {
      if (unit(`${seed}:${item.id}:na`) < 0.06) return [item.id, null];
      const target = Math.min(
        100,
        Math.max(
          0,
          profile[item.subscale] + (unit(`${seed}:${item.id}`) - 0.5) * 30,
        ),
      );
      const agreesWhenHigh =
        item.subscale === 'germane'
          ? item.polarity === 'positive'
          : item.polarity === 'negative';
      const s = agreesWhenHigh ? 1 + target / 25 : 5 - target / 25;
      return [item.id, Math.min(5, Math.max(1, Math.round(s)))];
    }),
  );
}

const DAY = 86_400_000;
const name = (ref: string) => ref.replace(/^group:default\//, '');

/**
 * Seeds the Basketly demo with survey history once its teams are in the
 * catalog: two closed waves with results for most teams (one team below k,
 * one without answers) and an open wave where Checkout is one answer short of
 * k, so a demo user's answer makes its results appear. Returns true when
 * seeded or when there is nothing to do.
 *
 * @public
 */
export async function seedDemo(
  surveys: SurveyService,
  logger: LoggerService,
  now = new Date(),
): Promise<boolean> {
  if (await surveys.hasWaves()) return true;
  const org = await surveys.groups();
  const teams = [...org.values()].filter(g => g.type && g.members.length > 0);
  // Wait until the demo organisation is in the catalog (its teams and people).
  if (!org.get('group:default/checkout')?.members.length || teams.length < 15) {
    return false;
  }
  const instrument = surveys.instrument();
  const owner = 'user:default/lars.berg';
  const at = (days: number) =>
    new Date(now.getTime() + days * DAY).toISOString();

  const closed = [
    { title: 'Q2 2026 pulse', opens: -200, closes: -180, profile: 0 },
    { title: 'Q3 2026 pulse', opens: -80, closes: -62, profile: 1 },
  ] as const;
  for (const w of closed) {
    const id = await surveys.seedWave({
      title: w.title,
      instrument,
      opensAt: at(w.opens),
      closesAt: at(w.closes),
      createdBy: owner,
      teams: teams.map(t => t.ref),
    });
    for (const team of teams) {
      let members = team.members;
      // Partner Billing: only two answered (not enough responses);
      // Internal Tools skipped the second wave (no data).
      if (name(team.ref) === 'partner-billing') members = members.slice(0, 2);
      if (name(team.ref) === 'internal-tools' && w.profile === 1) members = [];
      const profile = PROFILES[name(team.ref)]?.[w.profile] ?? DEFAULT_PROFILE;
      for (const member of members) {
        await surveys.seedResponse(
          id,
          team.ref,
          member,
          answersFor(instrument, profile, `${w.title}:${member}`),
        );
      }
    }
  }

  const open = [
    'checkout',
    'discovery',
    'order-flow',
    'data-platform',
    'developer-experience',
  ].map(n => `group:default/${n}`);
  const openId = await surveys.seedWave({
    title: 'Q4 2026 pulse',
    instrument,
    opensAt: at(-5),
    closesAt: at(21),
    createdBy: owner,
    teams: open,
  });
  // Everyone in Checkout but Maya Okafor (a demo sign-in user) has answered:
  // one short of k = 3. Discovery has answered in full; the others not yet.
  for (const ref of ['group:default/checkout', 'group:default/discovery']) {
    for (const member of org.get(ref)!.members) {
      if (member === 'user:default/maya.okafor') continue;
      await surveys.seedResponse(
        openId,
        ref,
        member,
        answersFor(
          instrument,
          PROFILES[name(ref)]?.[1] ?? DEFAULT_PROFILE,
          `Q4:${member}`,
        ),
      );
    }
  }
  logger.info(
    `Seeded the demo's cognitive-load waves for ${teams.length} teams`,
  );
  return true;
}

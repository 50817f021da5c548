import { parseEntityRef } from '@backstage/catalog-model';
import { NotificationSendOptions } from '@backstage/plugin-notifications-node';
import {
  OrgChange,
  OrgSnapshot,
  DELIVERY_SHIFT_RULES,
  deliverySignalText,
  isLoadRise,
} from '@teamflow/plugin-teamflow-common';
import {
  FlowTargets,
  OrgFlowResponse,
  WeekPoint,
  seriesTrend,
} from '@teamflow/plugin-delivery-common';
import { AlertSettings } from './alertSettings';

/*
 * What is worth a notification, decided from snapshots and delivery numbers
 * alone: pure, so each rule is tested with hand-made organisations.
 */

/** A team ref as people say it: its title when the snapshot knows it. */
export function titles(snapshot: OrgSnapshot) {
  const byRef = new Map(snapshot.teams.map(t => [t.ref, t.title]));
  return (ref: string) => byRef.get(ref) ?? parseEntityRef(ref).name;
}

/** A team's page in the portal, for a notification's link. */
export const teamPage = (ref: string) => {
  const { namespace, name } = parseEntityRef(ref);
  return `/catalog/${namespace}/group/${name}`;
};

/** One change as a plain sentence (the digest; the overview writes the same with links). */
export function changeSentence(
  change: OrgChange,
  title: (ref: string) => string,
): string {
  switch (change.kind) {
    case 'team-created':
      return `New team ${change.title}`;
    case 'team-removed':
      return `Team ${change.title} was removed from the catalog`;
    case 'team-retyped':
      return `${change.title} is now ${change.to} (was ${change.from})`;
    case 'owner-moved':
      return `${parseEntityRef(change.refs[0]).name} moved to ${
        change.to ? title(change.to) : 'no owner'
      } from ${change.from ? title(change.from) : 'no owner'}`;
    case 'undeclared-dependency':
      return `${title(change.refs[0])} now depends on ${title(
        change.refs[1],
      )} without a declared interaction`;
    case 'review-overdue':
      return `The interaction of ${title(change.refs[0])} with ${title(
        change.refs[1],
      )} passed its review date`;
    case 'load-band':
      return `${change.title} ${isLoadRise(change) ? 'rose' : 'fell'} to ${
        change.to
      } structural load (${change.score}, was ${change.from})`;
    case 'debt-change':
      return `${change.title}'s open debt ${
        change.to.score >= change.from.score ? 'rose' : 'fell'
      } to ${change.to.score} (${change.to.open} items; was ${
        change.from.score
      }, ${change.from.open} items)`;
    case 'delivery-shift':
      return `${change.title}'s ${DELIVERY_SHIFT_RULES[change.metric].name} ${
        change.better ? 'improved' : 'worsened'
      } to ${deliverySignalText(
        change.metric,
        change.to,
      )} (was ${deliverySignalText(change.metric, change.from)})`;
    default:
      return '';
  }
}

/** The alerts a day's changes call for, each with the key that sends it once. */
export function alertsFor(
  changes: OrgChange[],
  after: OrgSnapshot,
  settings: AlertSettings,
): Array<{ key: string; send: NotificationSendOptions }> {
  const title = titles(after);
  const out: Array<{ key: string; send: NotificationSendOptions }> = [];
  for (const change of changes) {
    if (change.kind === 'review-overdue' && settings.reviewOverdue) {
      const [a, b] = change.refs;
      out.push({
        key: `review-overdue:${a}:${b}:${after.takenOn}`,
        send: {
          recipients: { type: 'entity', entityRef: [a, b] },
          payload: {
            title: `${changeSentence(change, title)}`,
            description:
              'Team Topologies treats collaboration as temporary: end it, turn it into X-as-a-Service, or agree a new review date in the TeamInteraction.',
            link: `/teamflow/map?edgeFrom=${encodeURIComponent(
              a,
            )}&edgeTo=${encodeURIComponent(b)}`,
            severity: 'normal',
            topic: 'Teamflow: interaction reviews',
          },
        },
      });
    }
    if (
      change.kind === 'load-band' &&
      change.to === 'overloaded' &&
      settings.overloaded
    ) {
      const [team] = change.refs;
      out.push({
        key: `overloaded:${team}:${after.takenOn}`,
        send: {
          recipients: { type: 'entity', entityRef: team },
          payload: {
            title: `${change.title} entered overloaded structural load (${change.score})`,
            description: `Was ${change.from}. The team owns or depends on more than a team of its size can keep in its head; the Team Topology card lists what adds up.`,
            link: teamPage(team),
            severity: 'high',
            topic: 'Teamflow: team load',
          },
        },
      });
    }
  }
  return out;
}

/** Weeks of growth that make "debt growing" (one snapshot a week apart each). */
export const DEBT_GROWING_WEEKS = 4;

/**
 * Teams whose open debt score rose in each of the last four weeks. `chain`
 * holds the snapshots a week apart ending with today's, newest first
 * (DEBT_GROWING_WEEKS + 1 of them); a team counts only when every one of
 * them carries its debt.
 */
export function debtGrowingTeams(chain: OrgSnapshot[]): string[] {
  if (chain.length < DEBT_GROWING_WEEKS + 1) return [];
  const scores = (ref: string) =>
    chain
      .slice(0, DEBT_GROWING_WEEKS + 1)
      .map(s => s.teams.find(t => t.ref === ref)?.signals?.debt?.score);
  return chain[0].teams
    .map(t => t.ref)
    .filter(ref => {
      const v = scores(ref);
      if (v.some(x => x === undefined)) return false;
      // Newest first: each week's score above the week before's.
      return v.every((x, i) => i === v.length - 1 || x! > v[i + 1]!);
    })
    .sort();
}

/** The delivery targets a week can miss, with how the week is read. */
const TARGET_METRICS: Array<{
  key: keyof FlowTargets;
  name: string;
  unit: (v: number) => string;
  /** The week's value, null without enough data. */
  value: (w: WeekPoint) => number | null;
  /** Higher is better (deployments), else lower. */
  higherIsBetter?: boolean;
}> = [
  {
    key: 'deploymentsPerDay',
    name: 'deployment frequency',
    unit: v => `${v} a day`,
    value: w => (w.days === 7 ? w.deployments / 7 : null),
    higherIsBetter: true,
  },
  {
    key: 'leadTimeHours',
    name: 'change lead time',
    unit: v => `${v} h`,
    value: w => w.leadTimeMedianHours,
  },
  {
    key: 'changeFailRate',
    name: 'change fail rate',
    unit: v => `${Math.round(v * 1000) / 10} %`,
    value: w => w.changeFailRate,
  },
  {
    key: 'recoveryTimeHours',
    name: 'failed deployment recovery time',
    unit: v => `${v} h`,
    value: w => w.recoveryMedianHours,
  },
  {
    key: 'reworkRate',
    name: 'deployment rework rate',
    unit: v => `${Math.round(v * 1000) / 10} %`,
    value: w => w.reworkRate,
  },
];

/**
 * Delivery targets missed in each of the last two complete weeks or more:
 * one entry per team and metric, with the week the run of misses started
 * (so a long run is told once, and a new run after a good week again). A
 * week without enough data for the metric neither misses nor meets it and
 * ends a run.
 */
export function missedDeliveryTargets(org: OrgFlowResponse): Array<{
  teamRef: string;
  metric: string;
  target: string;
  weeks: number;
  since: string;
}> {
  const out = [];
  for (const row of org.teams) {
    if (!row.targets) continue;
    // Complete weeks only: a week in progress neither misses nor meets.
    const weeks = seriesTrend(org.weeks, row.weekly);
    for (const m of TARGET_METRICS) {
      const target = row.targets[m.key];
      if (target === undefined) continue;
      let run = 0;
      for (let i = weeks.length - 1; i >= 0; i--) {
        const v = m.value(weeks[i]);
        const missed =
          v !== null && (m.higherIsBetter ? v < target : v > target);
        if (!missed) break;
        run++;
      }
      if (run >= 2)
        out.push({
          teamRef: row.teamRef,
          metric: m.name,
          target: m.unit(target),
          weeks: run,
          since: weeks[weeks.length - run].week,
        });
    }
  }
  return out;
}

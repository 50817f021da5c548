import { Config } from '@backstage/config';
import { LoggerService } from '@backstage/backend-plugin-api';
import { parseEntityRef } from '@backstage/catalog-model';
import {
  NotificationSendOptions,
  NotificationService,
} from '@backstage/plugin-notifications-node';
import {
  OrgChange,
  OrgSnapshot,
  DELIVERY_SHIFT_RULES,
  deliverySignalText,
  diffSnapshots,
  formatDay,
  isLoadRise,
} from '@teamflow/plugin-teamflow-common';
import {
  FlowTargets,
  OrgFlowResponse,
  WeekPoint,
  seriesTrend,
} from '@teamflow/plugin-delivery-common';
import { HistoryStore } from '../history/HistoryStore';

const DAY = 86_400_000;
const WEEKDAYS = [
  'sunday',
  'monday',
  'tuesday',
  'wednesday',
  'thursday',
  'friday',
  'saturday',
];

/** What `teamflow.alerts` configures. */
export type AlertSettings = {
  enabled: boolean;
  /** A collaboration or facilitation passed its review date: both teams. */
  reviewOverdue: boolean;
  /** A team entered the overloaded structural-load band: the team. */
  overloaded: boolean;
  /** A team's open debt score grew four weeks running: the team. */
  debtGrowing: boolean;
  /** A team missed one of its delivery targets two complete weeks running: the team. */
  deliveryTargets: boolean;
  digest: {
    enabled: boolean;
    /** Day of the week (UTC) the digest goes out. */
    weekday: string;
    recipients: string[];
  };
};

/** Settings from config; the digest goes to Teamflow's admins unless told otherwise. */
export function alertSettings(config: Config): AlertSettings {
  const alerts = config.getOptionalConfig('teamflow.alerts');
  const weekday = (
    alerts?.getOptionalString('digest.weekday') ?? 'monday'
  ).toLocaleLowerCase('en-US');
  if (!WEEKDAYS.includes(weekday))
    throw new Error(
      `teamflow.alerts.digest.weekday must be one of ${WEEKDAYS.join(
        ', ',
      )}, got '${weekday}'`,
    );
  return {
    enabled: alerts?.getOptionalBoolean('enabled') ?? true,
    reviewOverdue: alerts?.getOptionalBoolean('reviewOverdue') ?? true,
    overloaded: alerts?.getOptionalBoolean('overloaded') ?? true,
    debtGrowing: alerts?.getOptionalBoolean('debtGrowing') ?? true,
    deliveryTargets: alerts?.getOptionalBoolean('deliveryTargets') ?? true,
    digest: {
      enabled: alerts?.getOptionalBoolean('digest.enabled') ?? true,
      weekday,
      recipients:
        alerts?.getOptionalStringArray('digest.recipients') ??
        config.getOptionalStringArray('teamflow.permission.admins') ??
        [],
    },
  };
}

/** A team ref as people say it: its title when the snapshot knows it. */
function titles(snapshot: OrgSnapshot) {
  const byRef = new Map(snapshot.teams.map(t => [t.ref, t.title]));
  return (ref: string) => byRef.get(ref) ?? parseEntityRef(ref).name;
}

const teamPage = (ref: string) => {
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

/**
 * Sends alerts for what changed since the day before, and the weekly
 * digest, through the notifications backend (which pushes them to open
 * inboxes over signals). Each alert is claimed in the database before it is
 * sent, so it goes out once however often today's snapshot is retaken; a
 * claim whose send failed is given back and tried with the next snapshot.
 */
export class AlertService {
  constructor(
    private readonly store: HistoryStore,
    private readonly notifications: NotificationService,
    private readonly settings: AlertSettings,
    private readonly logger: LoggerService,
    private readonly now: () => number = Date.now,
  ) {}

  private async sendOnce(key: string, send: NotificationSendOptions) {
    if (!(await this.store.claimAlert(key, this.now()))) return false;
    try {
      await this.notifications.send(send);
      return true;
    } catch (e) {
      await this.store.releaseAlert(key);
      this.logger.warn(`Teamflow alert ${key} not sent: ${e}`);
      return false;
    }
  }

  /** Snapshots a week apart, newest first, starting at `day`. */
  private async weekly(day: OrgSnapshot | undefined) {
    const chain: OrgSnapshot[] = [];
    for (let s = day; s && chain.length <= DEBT_GROWING_WEEKS; ) {
      chain.push(s);
      const back = new Date(Date.parse(`${s.takenOn}T00:00:00Z`) - 7 * DAY)
        .toISOString()
        .slice(0, 10);
      s = await this.store.onOrBefore(back);
    }
    return chain;
  }

  /**
   * Teams whose debt grew four weeks running as of today but not as of the
   * day before: told once when the run reaches four weeks.
   */
  private async debtGrowing(today: OrgSnapshot, title: (r: string) => string) {
    const chain = await this.weekly(today);
    const growing = debtGrowingTeams(chain);
    if (!growing.length) return [];
    const yesterday = await this.store.onOrBefore(
      new Date(Date.parse(`${today.takenOn}T00:00:00Z`) - DAY)
        .toISOString()
        .slice(0, 10),
    );
    const already = new Set(debtGrowingTeams(await this.weekly(yesterday)));
    const chainStart = chain[DEBT_GROWING_WEEKS];
    return growing
      .filter(team => !already.has(team))
      .map(team => {
        const now = today.teams.find(t => t.ref === team)!.signals!.debt!;
        const then = chainStart.teams.find(t => t.ref === team)!.signals!.debt!;
        return {
          key: `debt-growing:${team}:${today.takenOn}`,
          send: {
            recipients: { type: 'entity' as const, entityRef: team },
            payload: {
              title: `${title(
                team,
              )}'s open debt grew ${DEBT_GROWING_WEEKS} weeks running (score ${
                then.score
              } → ${now.score})`,
              description: `${now.open} open items now, ${
                then.open
              } on ${formatDay(
                chainStart.takenOn,
              )}. Quick wins and the items with the highest interest are at the top of the team's Tech debt tab.`,
              link: `${teamPage(team)}/tech-debt`,
              severity: 'normal' as const,
              topic: 'Teamflow: tech debt',
            },
          },
        };
      });
  }

  /** Targets missed two complete weeks running: once per run of misses. */
  private deliveryTargets(org: OrgFlowResponse, title: (r: string) => string) {
    return missedDeliveryTargets(org).map(m => ({
      key: `delivery-target:${m.teamRef}:${m.metric}:${m.since}`,
      send: {
        recipients: { type: 'entity' as const, entityRef: m.teamRef },
        payload: {
          title: `${title(m.teamRef)} missed its ${m.metric} target (${
            m.target
          }) ${m.weeks} complete weeks running`,
          description: `Since the week of ${formatDay(
            m.since,
          )}. The Delivery tab shows the weekly trend and the deployments behind it.`,
          link: `${teamPage(m.teamRef)}/delivery`,
          severity: 'normal' as const,
          topic: 'Teamflow: delivery targets',
        },
      },
    }));
  }

  /**
   * After today's snapshot was saved. Returns the keys sent. `digestToday`:
   * the digest goes out whatever the weekday (the demo's first review).
   */
  async afterSnapshot(
    today: OrgSnapshot,
    options: { digestToday?: boolean; delivery?: OrgFlowResponse } = {},
  ): Promise<string[]> {
    if (!this.settings.enabled) return [];
    const sent: string[] = [];
    const dayBefore = (days: number) =>
      new Date(Date.parse(`${today.takenOn}T00:00:00Z`) - days * DAY)
        .toISOString()
        .slice(0, 10);
    const before = await this.store.onOrBefore(dayBefore(1));
    const title = titles(today);
    const alerts: Array<{ key: string; send: NotificationSendOptions }> = before
      ? alertsFor(diffSnapshots(before, today), today, this.settings)
      : [];
    if (this.settings.debtGrowing)
      alerts.push(...(await this.debtGrowing(today, title)));
    if (this.settings.deliveryTargets && options.delivery)
      alerts.push(...this.deliveryTargets(options.delivery, title));
    for (const alert of alerts)
      if (await this.sendOnce(alert.key, alert.send)) sent.push(alert.key);
    const { digest } = this.settings;
    const weekday =
      WEEKDAYS[new Date(`${today.takenOn}T00:00:00Z`).getUTCDay()];
    if (
      digest.enabled &&
      digest.recipients.length &&
      (weekday === digest.weekday || options.digestToday)
    ) {
      const weekAgo = await this.store.onOrBefore(dayBefore(7));
      if (weekAgo) {
        const changes = diffSnapshots(weekAgo, today);
        const lines = changes.map(c => `• ${changeSentence(c, title)}`);
        const key = `digest:${today.takenOn}`;
        const overloaded = today.load.filter(l => l.band === 'overloaded');
        const ok = await this.sendOnce(key, {
          recipients: { type: 'entity', entityRef: digest.recipients },
          payload: {
            title: `Teamflow weekly review: ${changes.length} ${
              changes.length === 1 ? 'change' : 'changes'
            } since ${formatDay(weekAgo.takenOn)}`,
            description: [
              ...(lines.length
                ? lines.slice(0, 12)
                : ['No change in teams, ownership, dependencies or load.']),
              ...(lines.length > 12 ? [`… and ${lines.length - 12} more`] : []),
              `${overloaded.length} of ${
                today.teams.length
              } teams overloaded; ${
                today.edges.filter(e => e.blocking).length
              } blocking dependencies.`,
            ].join('\n'),
            link: '/teamflow/attention',
            severity: 'normal',
            topic: 'Teamflow: weekly review',
          },
        });
        if (ok) sent.push(key);
      }
    }
    return sent;
  }
}

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
  diffSnapshots,
  formatDay,
  isLoadRise,
} from '@teamflow/plugin-teamflow-common';
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

  /**
   * After today's snapshot was saved. Returns the keys sent. `digestToday`:
   * the digest goes out whatever the weekday (the demo's first review).
   */
  async afterSnapshot(
    today: OrgSnapshot,
    options: { digestToday?: boolean } = {},
  ): Promise<string[]> {
    if (!this.settings.enabled) return [];
    const sent: string[] = [];
    const dayBefore = (days: number) =>
      new Date(Date.parse(`${today.takenOn}T00:00:00Z`) - days * DAY)
        .toISOString()
        .slice(0, 10);
    const before = await this.store.onOrBefore(dayBefore(1));
    if (before) {
      for (const alert of alertsFor(
        diffSnapshots(before, today),
        today,
        this.settings,
      ))
        if (await this.sendOnce(alert.key, alert.send)) sent.push(alert.key);
    }
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
        const title = titles(today);
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

import { LoggerService } from '@backstage/backend-plugin-api';
import {
  NotificationSendOptions,
  NotificationService,
} from '@backstage/plugin-notifications-node';
import {
  OrgSnapshot,
  diffSnapshots,
  formatDay,
} from '@teamflow/plugin-teamflow-common';
import { OrgFlowResponse } from '@teamflow/plugin-delivery-common';
import { HistoryStore } from '../history/HistoryStore';
import { WEEKDAYS, AlertSettings } from './alertSettings';
import {
  titles,
  teamPage,
  changeSentence,
  alertsFor,
  DEBT_GROWING_WEEKS,
  debtGrowingTeams,
  missedDeliveryTargets,
} from './alertRules';

const DAY = 86_400_000;

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

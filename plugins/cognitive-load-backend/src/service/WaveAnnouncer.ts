import { LoggerService } from '@backstage/backend-plugin-api';
import { NotificationService } from '@backstage/plugin-notifications-node';
import { CognitiveLoadStore } from '../database/CognitiveLoadStore';

/** 2026-12-14T17:00:00Z → "14 Dec 2026", as Teamflow writes days. */
const day = (iso: string) =>
  new Date(iso).toLocaleDateString('en-GB', {
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    timeZone: 'UTC',
  });

/**
 * Tells the members of a wave's teams that it is open, through the
 * notifications backend, once per wave: when it is opened already open, or
 * within a minute of its opening time (the plugin's minute task). The
 * announcement says nothing about who answered: it goes to every member of
 * the surveyed teams alike.
 */
export class WaveAnnouncer {
  constructor(
    private readonly store: CognitiveLoadStore,
    private readonly notifications: NotificationService,
    private readonly k: number,
    private readonly logger: LoggerService,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** Announces every open wave not announced yet; returns their ids. */
  async announce(): Promise<string[]> {
    const now = this.now().toISOString();
    const announced: string[] = [];
    for (const id of await this.store.listUnannouncedOpenWaves(now)) {
      if (!(await this.store.markAnnounced(id, now))) continue;
      const wave = await this.store.getWave(id);
      if (!wave?.teams?.length) continue;
      try {
        await this.notifications.send({
          recipients: { type: 'entity', entityRef: wave.teams },
          payload: {
            title: `Cognitive-load survey open: ${wave.title}`,
            description: `Open until ${day(
              wave.closesAt,
            )}. Answers are anonymous: a team's results show only once at least ${
              this.k
            } people answered, and nobody, admins included, can see who answered what.`,
            link: '/cognitive-load',
            severity: 'normal',
            topic: 'Teamflow: cognitive-load surveys',
          },
        });
        announced.push(id);
      } catch (e) {
        await this.store.unmarkAnnounced(id);
        this.logger.warn(`Wave ${id} not announced: ${e}`);
      }
    }
    return announced;
  }
}

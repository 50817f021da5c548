import { timingSafeEqual, createHash } from 'node:crypto';
import {
  AuthService,
  BackstageCredentials,
  LoggerService,
} from '@backstage/backend-plugin-api';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { InputError } from '@backstage/errors';
import {
  EngagementResponse,
  UsageResponse,
} from '@teamflow/plugin-teamflow-common';
import { AnalyticsStore } from './database/AnalyticsStore';
import { CatalogModel, readCatalogModel } from './catalogModel';
import { northStarTrees } from './northStars';
import { AnalyticsReading } from './AnalyticsReading';
import { AnalyticsSettings } from './settings';
import { readCalls, userHasher } from './segment';

const DAY = 86_400_000;
const dayOf = (t: number) => new Date(t).toISOString().slice(0, 10);

const digest = (s: string) => createHash('sha256').update(s).digest();

/**
 * Product analytics: Segment-compatible calls in, usage per feature and
 * persona out. The catalog's Persona rules and Feature events are read with
 * the plugin's own credentials and refreshed on a schedule; reads answer
 * only for the features the caller can see.
 */
export class AnalyticsService {
  private model?: Promise<CatalogModel>;
  /** The features' events last looked for among waiting events. */
  private countedFor?: string;
  private countAgain = 0;
  private readonly hash?: (id: string) => string;
  private readonly keys: Array<{ id: string; key: Buffer }>;
  private readonly reading: AnalyticsReading;

  constructor(
    private readonly store: AnalyticsStore,
    private readonly catalog: CatalogService,
    private readonly auth: AuthService,
    private readonly logger: LoggerService,
    readonly settings: AnalyticsSettings,
    private readonly now: () => number = Date.now,
  ) {
    this.hash = settings.userIdKey ? userHasher(settings.userIdKey) : undefined;
    this.keys = settings.sources.map(s => ({
      id: s.id,
      key: digest(s.writeKey),
    }));
    this.reading = new AnalyticsReading(
      store,
      catalog,
      settings,
      () => this.currentModel(),
      now,
    );
  }

  /** The source whose write key this is, compared in constant time. */
  sourceOf(writeKey: string | undefined): string | undefined {
    if (!writeKey) return undefined;
    const given = digest(writeKey);
    let found: string | undefined;
    for (const s of this.keys) if (timingSafeEqual(s.key, given)) found = s.id;
    return found;
  }

  /**
   * Reads the catalog's personas and features again (scheduled). When the
   * features' declared events changed, events that were waiting for a
   * Feature to declare them are counted: on this refresh and the next, so an
   * ingest that still held the previous model is caught too.
   */
  async refreshModel() {
    const next = this.readModel();
    const model = await next;
    this.model = next;
    if (model.signature !== this.countedFor) {
      this.countedFor = model.signature;
      this.countAgain = 2;
    }
    if (this.countAgain > 0) {
      this.countAgain--;
      const counted = await this.store.countWaiting(model, this.now());
      if (counted)
        this.logger.info(
          `Analytics: counted ${counted} events that arrived before a Feature declared them`,
        );
    }
  }

  private async readModel() {
    return readCatalogModel(
      this.catalog,
      await this.auth.getOwnServiceCredentials(),
    );
  }

  private async currentModel() {
    if (!this.model) {
      this.model = this.readModel();
      this.model.catch(() => {
        this.model = undefined;
      });
    }
    return this.model;
  }

  /** Stores one request's calls; `route` is the Segment endpoint called. */
  async ingest(
    source: string,
    route: 'identify' | 'track' | 'batch',
    body: unknown,
  ) {
    const receivedAt = this.now();
    const { messages, ignored, refused } = readCalls(
      body,
      route,
      this.hash!,
      receivedAt,
      {
        oldest: receivedAt - this.settings.retentionDays * DAY,
        newest: receivedAt + 5 * 60_000,
      },
    );
    const model = await this.currentModel();
    const stored = await this.store.ingest(source, messages, model, receivedAt);
    return { ...stored, ignored, rejected: refused };
  }

  /**
   * Usage of features by personas over the last `weeks` complete ISO weeks
   * (figures) with a 13-week trend and the week in progress.
   */
  usage(
    query: { persona?: string; feature?: string; team?: string; weeks: number },
    credentials: BackstageCredentials,
  ): Promise<UsageResponse> {
    return this.reading.usage(query, credentials);
  }

  /**
   * Every persona's engagement over the last `weeks` complete weeks against
   * the weeks before; falling most first.
   */
  engagement(
    weeks: number,
    credentials: BackstageCredentials,
  ): Promise<EngagementResponse> {
    return this.reading.engagement(weeks, credentials);
  }

  /**
   * Stores a series fed through the API: `{ series, points: [{ day, value }] }`
   * (day as YYYY-MM-DD). Refused whole when any point is bad, naming it.
   */
  async ingestSeries(source: string, body: unknown) {
    const b = (body ?? {}) as { series?: unknown; points?: unknown };
    if (
      typeof b.series !== 'string' ||
      !/^[a-z0-9][a-z0-9-_.]{0,99}$/i.test(b.series)
    )
      throw new InputError(
        "series must be a name of letters, digits, '-', '_' or '.' (at most 100)",
      );
    if (
      !Array.isArray(b.points) ||
      b.points.length === 0 ||
      b.points.length > 5000
    )
      throw new InputError(
        'points must be a list of 1 to 5,000 { day, value }',
      );
    const today = dayOf(this.now() + DAY);
    const points = b.points.map((p: any, i: number) => {
      const day = p?.day;
      if (
        typeof day !== 'string' ||
        !/^\d{4}-\d{2}-\d{2}$/.test(day) ||
        dayOf(Date.parse(`${day}T00:00:00Z`) || 0) !== day
      )
        throw new InputError(`points[${i}].day must be a date as YYYY-MM-DD`);
      if (day > today)
        throw new InputError(`points[${i}].day is in the future`);
      if (typeof p.value !== 'number' || !Number.isFinite(p.value))
        throw new InputError(`points[${i}].value must be a number`);
      return { day, value: p.value as number };
    });
    await this.store.writeSeries(source, b.series, points, this.now());
    return { series: b.series, stored: points.length };
  }

  /** The North Star trees of the Domains the caller can read (see northStarTrees). */
  northStars(credentials: BackstageCredentials) {
    return northStarTrees(this.catalog, this.store, credentials, this.now());
  }

  /** Writes the demo's generated usage once, into an empty store. */
  async seedDemo(
    rows: (now: number) => Parameters<AnalyticsStore['writeDaily']>[0],
    series?: (
      now: number,
    ) => Record<string, Array<{ day: string; value: number }>>,
  ) {
    if (series && !(await this.store.hasSeries()))
      for (const [name, points] of Object.entries(series(this.now())))
        await this.store.writeSeries('demo', name, points, this.now());
    if (await this.store.hasAggregates()) return false;
    await this.store.writeDaily(rows(this.now()));
    this.logger.info('Product analytics: wrote six months of demo usage');
    return true;
  }

  /** Rolls up the weeks that ended and were written since (scheduled). */
  async rollWeeks() {
    const weeks = await this.store.rollWeeks(this.now());
    if (weeks.length)
      this.logger.debug(
        `Product analytics: rolled up ${weeks.length} weeks (${weeks[0]} to ${
          weeks[weeks.length - 1]
        })`,
      );
    return weeks;
  }

  async purge() {
    const removed = await this.store.purge(
      this.now() - this.settings.retentionDays * DAY,
    );
    if (removed.events || removed.weeks)
      this.logger.info(
        `Product analytics: purged ${removed.events} raw events and ${removed.weeks} user-weeks past ${this.settings.retentionDays} days`,
      );
  }
}

import { timingSafeEqual, createHash } from 'node:crypto';
import {
  AuthService,
  BackstageCredentials,
  LoggerService,
} from '@backstage/backend-plugin-api';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { refOf } from '@teamflow/plugin-teamflow-node';
import { InputError } from '@backstage/errors';
import {
  EngagementResponse,
  FeatureUsage,
  PersonaEngagement,
  UsageResponse,
  addWeeks,
  weekOf,
} from '@teamflow/plugin-teamflow-common';
import { AnalyticsStore, WeekRow } from './database/AnalyticsStore';
import { CatalogModel, readCatalogModel } from './catalogModel';
import { northStarTrees } from './northStars';
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
  async usage(
    query: { persona?: string; feature?: string; team?: string; weeks: number },
    credentials: BackstageCredentials,
  ): Promise<UsageResponse> {
    const current = weekOf(dayOf(this.now()));
    const toWeek = addWeeks(current, -1);
    const trendWeeks = Math.max(query.weeks, 13);
    const fromWeek = addWeeks(toWeek, -(query.weeks - 1));
    const model = await this.currentModel();
    // A team's features: those it owns (a Feature's spec.owner).
    const teamFeatures = query.team
      ? [...model.owners].filter(([, t]) => t === query.team).map(([f]) => f)
      : undefined;
    const [rows, visible, lastEventAt] = await Promise.all([
      teamFeatures?.length === 0
        ? []
        : this.store.weekRows({
            fromWeek: addWeeks(toWeek, -trendWeeks),
            toWeek: current,
            persona: query.persona,
            feature: query.feature,
            features: teamFeatures,
          }),
      this.visibleFeatures(credentials),
      this.store.lastEventAt(),
    ]);
    const groups = new Map<string, WeekRow[]>();
    for (const r of rows) {
      if (!visible.has(r.feature)) continue;
      const key = `${r.feature}\u0000${r.persona}`;
      const list = groups.get(key);
      if (list) list.push(r);
      else groups.set(key, [r]);
    }
    // Targeted personas appear even where nobody of them used the feature.
    const targetPairs: Array<[string, string]> = [];
    for (const [feature, personas] of model.targets) {
      if (!visible.has(feature)) continue;
      if (query.feature && feature !== query.feature) continue;
      if (teamFeatures && !teamFeatures.includes(feature)) continue;
      for (const persona of personas)
        if (!query.persona || persona === query.persona)
          targetPairs.push([feature, persona]);
    }
    for (const [f, p] of targetPairs)
      if (!groups.has(`${f}\u0000${p}`)) groups.set(`${f}\u0000${p}`, []);

    const trendFrom = addWeeks(toWeek, -(trendWeeks - 1));
    // The trend's weeks, and the window's weeks each with the week before
    // (the ones retention compares with), worked out once for every pair.
    const trend: string[] = [];
    for (let w = trendFrom; w <= toWeek; w = addWeeks(w, 1)) trend.push(w);
    const before: string[] = [];
    for (let w = fromWeek; w <= toWeek; w = addWeeks(w, 1))
      before.push(addWeeks(w, -1));
    const usage: FeatureUsage[] = [];
    const thisWeek: UsageResponse['thisWeek'] = [];
    for (const [key, list] of groups) {
      const [feature, persona] = key.split('\u0000');
      const byWeek = new Map(list.map(r => [r.week, r]));
      const inWindow = list.filter(r => r.week >= fromWeek && r.week <= toWeek);
      const sum = (k: keyof WeekRow) =>
        inWindow.reduce((s, r) => s + (r[k] as number), 0);
      let priorUsers = 0;
      for (const w of before) priorUsers += byWeek.get(w)?.weekUsers ?? 0;
      const successes = sum('successes');
      const failures = sum('failures');
      const scores = sum('scores');
      const weekly = trend.map(w => ({
        week: w,
        activeUsers: byWeek.get(w)?.weekUsers ?? 0,
      }));
      usage.push({
        feature,
        persona,
        activeUsers: Math.round((sum('weekUsers') / query.weeks) * 10) / 10,
        events: sum('events'),
        newUsers: sum('newUsers'),
        retention: priorUsers ? sum('returningUsers') / priorUsers : null,
        taskSuccess:
          successes + failures ? successes / (successes + failures) : null,
        happiness: scores ? sum('scoreSum') / scores : null,
        weekly,
        targeted: model.targets.get(feature)?.has(persona) ?? false,
        lifecycle: model.lifecycles.get(feature),
      });
      const now = byWeek.get(current);
      if (now)
        thisWeek.push({
          feature,
          persona,
          activeUsers: now.weekUsers,
          events: now.events,
        });
    }
    usage.sort(
      (a, b) =>
        b.activeUsers - a.activeUsers ||
        b.events - a.events ||
        a.feature.localeCompare(b.feature) ||
        a.persona.localeCompare(b.persona),
    );
    return {
      from: fromWeek,
      to: toWeek,
      weeks: query.weeks,
      connected: this.settings.sources.length > 0 || this.settings.demo,
      lastEventAt: lastEventAt
        ? new Date(lastEventAt).toISOString()
        : undefined,
      usage,
      thisWeek,
    };
  }

  /**
   * Every persona's engagement over the last `weeks` complete weeks against
   * the weeks before; falling most first.
   */
  async engagement(
    weeks: number,
    credentials: BackstageCredentials,
  ): Promise<EngagementResponse> {
    const toWeek = addWeeks(weekOf(dayOf(this.now())), -1);
    const fromWeek = addWeeks(toWeek, -(weeks - 1));
    // Summed per feature and persona in the database: every persona's
    // weeks were ~20,000 rows at 500 features.
    const [rows, visible] = await Promise.all([
      this.store.splitSums({
        fromWeek: addWeeks(fromWeek, -weeks),
        splitWeek: fromWeek,
        toWeek,
      }),
      this.visibleFeatures(credentials),
    ]);
    const personas = new Map<
      string,
      PersonaEngagement & { byFeature: Map<string, number> }
    >();
    for (const r of rows) {
      if (!visible.has(r.feature)) continue;
      let p = personas.get(r.persona);
      if (!p) {
        p = {
          persona: r.persona,
          featureUsers: 0,
          previousFeatureUsers: 0,
          events: 0,
          previousEvents: 0,
          change: null,
          topFeatures: [],
          byFeature: new Map(),
        };
        personas.set(r.persona, p);
      }
      p.featureUsers += r.users;
      p.events += r.events;
      if (r.weeksAfter > 0)
        p.byFeature.set(r.feature, (p.byFeature.get(r.feature) ?? 0) + r.users);
      p.previousFeatureUsers += r.usersBefore;
      p.previousEvents += r.eventsBefore;
    }
    const list = [...personas.values()].map(({ byFeature, ...p }) => ({
      ...p,
      change: p.previousFeatureUsers
        ? Math.round(
            ((p.featureUsers - p.previousFeatureUsers) /
              p.previousFeatureUsers) *
              100,
          )
        : null,
      topFeatures: [...byFeature]
        .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
        .slice(0, 3)
        .map(([feature]) => feature),
    }));
    list.sort(
      (a, b) =>
        (a.change ?? Infinity) - (b.change ?? Infinity) ||
        a.persona.localeCompare(b.persona),
    );
    return {
      from: fromWeek,
      to: toWeek,
      weeks,
      connected: this.settings.sources.length > 0 || this.settings.demo,
      personas: list,
    };
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

  private async visibleFeatures(credentials: BackstageCredentials) {
    const { items } = await this.catalog.getEntities(
      {
        filter: { kind: 'feature' },
        fields: ['kind', 'metadata.name', 'metadata.namespace'],
      },
      { credentials },
    );
    return new Set(items.map(e => refOf(e)));
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

import { timingSafeEqual, createHash } from 'node:crypto';
import {
  AuthService,
  BackstageCredentials,
  LoggerService,
  RootConfigService,
} from '@backstage/backend-plugin-api';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { stringifyEntityRef } from '@backstage/catalog-model';
import {
  FeatureEntity,
  EngagementResponse,
  FeatureUsage,
  PersonaEngagement,
  PersonaEntity,
  PersonaRules,
  UsageResponse,
  featureMatcher,
  personaForTraits,
  weekOf,
} from '@teamflow/plugin-teamflow-common';
import { AnalyticsModel, AnalyticsStore, WeekRow } from './AnalyticsStore';
import { readCalls, userHasher } from './segment';

const DAY = 86_400_000;
const lower = (s: string) => s.toLocaleLowerCase('en-US');
const dayOf = (t: number) => new Date(t).toISOString().slice(0, 10);
const shiftWeek = (week: string, weeks: number) =>
  dayOf(Date.parse(`${week}T00:00:00Z`) + weeks * 7 * DAY);

/** `teamflow.analytics`, read once at start-up. */
export type AnalyticsSettings = {
  sources: Array<{ id: string; writeKey: string }>;
  userIdKey?: string;
  retentionDays: number;
  demo: boolean;
};

/** Reads and checks `teamflow.analytics`, naming the key at fault. */
export function analyticsSettings(
  config: RootConfigService,
): AnalyticsSettings {
  const c = config.getOptionalConfig('teamflow.analytics');
  const sources = (c?.getOptionalConfigArray('sources') ?? []).map(s => ({
    id: s.getString('id'),
    writeKey: s.getString('writeKey'),
  }));
  const ids = new Set<string>();
  for (const s of sources) {
    if (!/^[a-z0-9][a-z0-9-_.]{0,99}$/i.test(s.id))
      throw new Error(
        `teamflow.analytics.sources: id '${s.id}' must be letters, digits, '-', '_' or '.'`,
      );
    if (ids.has(s.id))
      throw new Error(
        `teamflow.analytics.sources: id '${s.id}' is given twice`,
      );
    ids.add(s.id);
    if (s.writeKey.length < 16)
      throw new Error(
        `teamflow.analytics.sources: the writeKey of '${s.id}' must be at least 16 characters`,
      );
  }
  const userIdKey = c?.getOptionalString('userIdKey');
  if (sources.length && (!userIdKey || userIdKey.length < 16))
    throw new Error(
      'teamflow.analytics.userIdKey is required with sources: a secret of at least 16 characters that user ids are hashed with',
    );
  const retentionDays = c?.getOptionalNumber('retentionDays') ?? 90;
  if (!(retentionDays >= 14 && retentionDays <= 3660))
    throw new Error(
      'teamflow.analytics.retentionDays must be between 14 and 3660',
    );
  return {
    sources,
    userIdKey,
    retentionDays,
    demo: c?.getOptionalBoolean('demo') ?? false,
  };
}

const digest = (s: string) => createHash('sha256').update(s).digest();

/** The catalog's personas and features, as analytics needs them. */
type Model = AnalyticsModel & {
  /** Feature ref → its target persona refs. */
  targets: Map<string, Set<string>>;
  lifecycles: Map<string, string>;
};

/**
 * Product analytics: Segment-compatible calls in, usage per feature and
 * persona out. The catalog's Persona rules and Feature events are read with
 * the plugin's own credentials and refreshed on a schedule; reads answer
 * only for the features the caller can see.
 */
export class AnalyticsService {
  private model?: Promise<Model>;
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

  async refreshModel() {
    const next = this.loadModel();
    await next;
    this.model = next;
  }

  private async loadModel(): Promise<Model> {
    const { items } = await this.catalog.getEntities(
      {
        filter: [{ kind: 'persona' }, { kind: 'feature' }],
        fields: ['kind', 'metadata.name', 'metadata.namespace', 'spec'],
      },
      { credentials: await this.auth.getOwnServiceCredentials() },
    );
    const personas: PersonaRules[] = [];
    const features: Array<{ feature: string; analytics?: any }> = [];
    const targets = new Map<string, Set<string>>();
    const lifecycles = new Map<string, string>();
    for (const e of items) {
      const ref = lower(stringifyEntityRef(e));
      if (lower(e.kind) === 'persona') {
        const rules = (e as PersonaEntity).spec?.analytics?.rules;
        if (Array.isArray(rules)) personas.push({ persona: ref, rules });
      } else {
        const spec = (e as FeatureEntity).spec;
        features.push({ feature: ref, analytics: spec?.analytics });
        if (spec?.lifecycle) lifecycles.set(ref, String(spec.lifecycle));
        targets.set(
          ref,
          new Set((spec?.targets ?? []).map(t => lower(String(t.persona)))),
        );
      }
    }
    return {
      personaOf: traits => personaForTraits(personas, traits),
      match: featureMatcher(features),
      targets,
      lifecycles,
    };
  }

  private async currentModel() {
    if (!this.model) {
      this.model = this.loadModel();
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
    query: { persona?: string; feature?: string; weeks: number },
    credentials: BackstageCredentials,
  ): Promise<UsageResponse> {
    const current = weekOf(dayOf(this.now()));
    const toWeek = shiftWeek(current, -1);
    const trendWeeks = Math.max(query.weeks, 13);
    const fromWeek = shiftWeek(toWeek, -(query.weeks - 1));
    const [rows, visible, model, lastEventAt] = await Promise.all([
      this.store.weekRows({
        fromWeek: shiftWeek(toWeek, -trendWeeks),
        toWeek: current,
        persona: query.persona,
        feature: query.feature,
      }),
      this.visibleFeatures(credentials),
      this.currentModel(),
      this.store.lastEventAt(),
    ]);
    const groups = new Map<string, WeekRow[]>();
    for (const r of rows) {
      if (!visible.has(r.feature)) continue;
      const key = `${r.feature}\u0000${r.persona}`;
      groups.set(key, [...(groups.get(key) ?? []), r]);
    }
    // Targeted personas appear even where nobody of them used the feature.
    const targetPairs: Array<[string, string]> = [];
    for (const [feature, personas] of model.targets) {
      if (!visible.has(feature)) continue;
      if (query.feature && feature !== query.feature) continue;
      for (const persona of personas)
        if (!query.persona || persona === query.persona)
          targetPairs.push([feature, persona]);
    }
    for (const [f, p] of targetPairs)
      if (!groups.has(`${f}\u0000${p}`)) groups.set(`${f}\u0000${p}`, []);

    const trendFrom = shiftWeek(toWeek, -(trendWeeks - 1));
    const usage: FeatureUsage[] = [];
    const thisWeek: UsageResponse['thisWeek'] = [];
    for (const [key, list] of groups) {
      const [feature, persona] = key.split('\u0000');
      const byWeek = new Map(list.map(r => [r.week, r]));
      const inWindow = list.filter(r => r.week >= fromWeek && r.week <= toWeek);
      const sum = (k: keyof WeekRow) =>
        inWindow.reduce((s, r) => s + (r[k] as number), 0);
      let priorUsers = 0;
      for (let w = fromWeek; w <= toWeek; w = shiftWeek(w, 1))
        priorUsers += byWeek.get(shiftWeek(w, -1))?.weekUsers ?? 0;
      const successes = sum('successes');
      const failures = sum('failures');
      const scores = sum('scores');
      const weekly: Array<{ week: string; activeUsers: number }> = [];
      for (let w = trendFrom; w <= toWeek; w = shiftWeek(w, 1))
        weekly.push({ week: w, activeUsers: byWeek.get(w)?.weekUsers ?? 0 });
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
    const toWeek = shiftWeek(weekOf(dayOf(this.now())), -1);
    const fromWeek = shiftWeek(toWeek, -(weeks - 1));
    const [rows, visible] = await Promise.all([
      this.store.weekRows({ fromWeek: shiftWeek(fromWeek, -weeks), toWeek }),
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
      if (r.week >= fromWeek) {
        p.featureUsers += r.weekUsers;
        p.events += r.events;
        p.byFeature.set(
          r.feature,
          (p.byFeature.get(r.feature) ?? 0) + r.weekUsers,
        );
      } else {
        p.previousFeatureUsers += r.weekUsers;
        p.previousEvents += r.events;
      }
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

  private async visibleFeatures(credentials: BackstageCredentials) {
    const { items } = await this.catalog.getEntities(
      {
        filter: { kind: 'feature' },
        fields: ['kind', 'metadata.name', 'metadata.namespace'],
      },
      { credentials },
    );
    return new Set(items.map(e => lower(stringifyEntityRef(e))));
  }

  /** Writes the demo's generated usage once, into an empty store. */
  async seedDemo(
    rows: (now: number) => Parameters<AnalyticsStore['writeDaily']>[0],
  ) {
    if (await this.store.hasAggregates()) return false;
    await this.store.writeDaily(rows(this.now()));
    this.logger.info('Product analytics: wrote six months of demo usage');
    return true;
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

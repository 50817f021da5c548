import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { refOf } from '@teamflow/plugin-teamflow-node';
import {
  EngagementResponse,
  FeatureUsage,
  PersonaEngagement,
  UsageResponse,
  addWeeks,
  weekOf,
} from '@teamflow/plugin-teamflow-common';
import { AnalyticsStore, WeekRow } from './database/AnalyticsStore';
import { CatalogModel } from './catalogModel';
import { AnalyticsSettings } from './settings';

const dayOf = (t: number) => new Date(t).toISOString().slice(0, 10);

/**
 * The reading side of product analytics: usage per feature and persona, and
 * every persona's engagement, for the features the caller can see.
 */
export class AnalyticsReading {
  constructor(
    private readonly store: AnalyticsStore,
    private readonly catalog: CatalogService,
    private readonly settings: AnalyticsSettings,
    private readonly model: () => Promise<CatalogModel>,
    private readonly now: () => number,
  ) {}

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
    const model = await this.model();
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
}

import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { lowerRef, refOf } from '@teamflow/plugin-teamflow-node';
import {
  NorthStar,
  NorthStarTree,
  addWeeks,
  weekOf,
} from '@teamflow/plugin-teamflow-common';
import { AnalyticsStore } from './database/AnalyticsStore';
import { changeOfWeeks, figureByWeek } from './figures';

const dayOf = (t: number) => new Date(t).toISOString().slice(0, 10);

/**
 * The North Star trees of the Domains the caller can read: each metric's
 * weekly values over 13 complete weeks, its change (last four weeks against
 * the four before) and the teams owning the features that move it.
 */
export async function northStarTrees(
  catalog: CatalogService,
  store: AnalyticsStore,
  credentials: BackstageCredentials,
  now: number,
): Promise<NorthStarTree[]> {
  const [{ items: domains }, { items: features }] = await Promise.all([
    catalog.getEntities(
      {
        filter: { kind: 'domain' },
        fields: [
          'kind',
          'metadata.name',
          'metadata.namespace',
          'spec.northStar',
        ],
      },
      { credentials },
    ),
    catalog.getEntities(
      {
        filter: { kind: 'feature' },
        fields: ['kind', 'metadata.name', 'metadata.namespace', 'spec.owner'],
      },
      { credentials },
    ),
  ]);
  const ownerOf = new Map(
    features.map(f => [
      refOf(f),
      lowerRef(String((f.spec as any)?.owner ?? '')),
    ]),
  );
  const toWeek = addWeeks(weekOf(dayOf(now)), -1);
  const weeks: string[] = [];
  for (let i = 12; i >= 0; i--) weeks.push(addWeeks(toWeek, -i));
  const fromWeek = addWeeks(weeks[0], -1);
  const trees: NorthStarTree[] = [];
  for (const domain of domains) {
    const northStar = (domain.spec as any)?.northStar as NorthStar | undefined;
    if (!northStar || !Array.isArray(northStar.inputs)) continue;
    const metrics = [northStar, ...northStar.inputs];
    const seriesNames = metrics.flatMap(m =>
      'series' in (m.source ?? {})
        ? [(m.source as { series: string }).series]
        : [],
    );
    const seriesRows = await store.seriesWeeks(seriesNames, fromWeek, toWeek);
    const valued = await Promise.all(
      metrics.map(async m => {
        let byWeek = new Map<string, number | null>();
        const source = m.source as any;
        if (source?.series) {
          for (const r of seriesRows)
            if (r.series === source.series)
              byWeek.set(r.week, source.week === 'sum' ? r.sum : r.mean);
        } else if (source?.feature) {
          const feature = lowerRef(source.feature);
          const rows = (
            await store.weekRows({
              fromWeek,
              toWeek,
              feature,
              persona: source.persona ? lowerRef(source.persona) : undefined,
            })
          ).filter(r => ownerOf.has(r.feature));
          byWeek = figureByWeek(rows, source.figure, [fromWeek, ...weeks]);
        }
        const weekly = weeks.map(week => ({
          week,
          value: byWeek.get(week) ?? null,
        }));
        const teams = [
          ...new Set(
            (m.movedBy ?? [])
              .map(f => ownerOf.get(lowerRef(f)))
              .filter((t): t is string => Boolean(t)),
          ),
        ].sort();
        return {
          name: m.name,
          description: m.description,
          source: m.source,
          movedBy: m.movedBy ?? [],
          weekly,
          latest: weekly[weekly.length - 1].value,
          change: changeOfWeeks(weekly.map(w => w.value)),
          teams,
        };
      }),
    );
    trees.push({
      domain: refOf(domain),
      northStar: valued[0],
      inputs: valued.slice(1),
    });
  }
  return trees.sort((a, b) => a.domain.localeCompare(b.domain));
}

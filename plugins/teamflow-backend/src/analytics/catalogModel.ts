import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { lowerRef, refOf } from '@teamflow/plugin-teamflow-node';
import {
  FeatureEntity,
  PersonaEntity,
  PersonaRules,
  featureMatcher,
  personaForTraits,
} from '@teamflow/plugin-teamflow-common';
import type { AnalyticsModel } from './database/AnalyticsStore';

/** The catalog's personas and features, as analytics needs them. */
export type CatalogModel = AnalyticsModel & {
  /** Feature ref → its target persona refs. */
  targets: Map<string, Set<string>>;
  lifecycles: Map<string, string>;
  /** Feature ref → its owning team's ref. */
  owners: Map<string, string>;
  /** The features' declared events, to tell when they change. */
  signature: string;
};

/** Reads the catalog's Persona rules and Feature declarations. */
export async function readCatalogModel(
  catalog: CatalogService,
  credentials: BackstageCredentials,
): Promise<CatalogModel> {
  const { items } = await catalog.getEntities(
    {
      filter: [{ kind: 'persona' }, { kind: 'feature' }],
      fields: ['kind', 'metadata.name', 'metadata.namespace', 'spec'],
    },
    { credentials },
  );
  const personas: PersonaRules[] = [];
  const features: Array<{ feature: string; analytics?: any }> = [];
  const targets = new Map<string, Set<string>>();
  const lifecycles = new Map<string, string>();
  const owners = new Map<string, string>();
  for (const e of items) {
    const ref = refOf(e);
    if (lowerRef(e.kind) === 'persona') {
      const rules = (e as PersonaEntity).spec?.analytics?.rules;
      if (Array.isArray(rules)) personas.push({ persona: ref, rules });
    } else {
      const spec = (e as FeatureEntity).spec;
      features.push({ feature: ref, analytics: spec?.analytics });
      if (spec?.lifecycle) lifecycles.set(ref, String(spec.lifecycle));
      if (spec?.owner) owners.set(ref, lowerRef(String(spec.owner)));
      targets.set(
        ref,
        new Set((spec?.targets ?? []).map(t => lowerRef(String(t.persona)))),
      );
    }
  }
  return {
    personaOf: traits => personaForTraits(personas, traits),
    match: featureMatcher(features),
    signature: JSON.stringify(
      features
        .map(f => [f.feature, f.analytics ?? null])
        .sort((a, b) => (a[0] < b[0] ? -1 : 1)),
    ),
    targets,
    lifecycles,
    owners,
  };
}

import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { EntityHint } from '@teamflow/plugin-delivery-node';
import {
  DeliveryContext,
  EVENT_KINDS,
  PROJECT_SLUGS,
  lower,
  normaliseRef,
  teamOf,
} from '../service/shared';

/**
 * The catalog entities events' hints name (an entity ref, or an annotation
 * such as a project slug or a PagerDuty service id), read in two catalog
 * queries for a whole batch; returns a lookup giving each hint its entity
 * and owning team now, or the problem to report (unknown, not a component
 * or resource).
 */
export async function resolveEntities(
  ctx: Pick<DeliveryContext, 'catalog' | 'auth'>,
  hints: EntityHint[],
) {
  const credentials = await ctx.auth.getOwnServiceCredentials();
  const byRef = new Map<string, Entity>();
  const refs = new Set<string>();
  const annotated = new Map<string, Set<string>>();
  for (const h of hints) {
    if ('entityRef' in h) {
      const ref = normaliseRef(h.entityRef);
      if (ref) refs.add(ref);
    } else {
      const keys =
        h.annotation === 'project-slug' ? PROJECT_SLUGS : [h.annotation];
      for (const k of keys) {
        const set = annotated.get(k) ?? new Set<string>();
        set.add(h.value);
        annotated.set(k, set);
      }
    }
  }
  if (refs.size) {
    const { items } = await ctx.catalog.getEntitiesByRefs(
      { entityRefs: [...refs], fields: ['kind', 'metadata', 'relations'] },
      { credentials },
    );
    for (const e of items) if (e) byRef.set(lower(stringifyEntityRef(e)), e);
  }
  // annotation key + value -> entity
  const byAnnotation = new Map<string, Entity>();
  if (annotated.size) {
    const { items } = await ctx.catalog.getEntities(
      {
        filter: [...annotated.entries()].map(([a, values]) => ({
          [`metadata.annotations.${a}`]: [...values],
        })),
        fields: ['kind', 'metadata', 'relations'],
      },
      { credentials },
    );
    for (const e of items)
      for (const a of annotated.keys()) {
        const v = e.metadata.annotations?.[a];
        if (v) byAnnotation.set(`${a}\u0000${lower(v)}`, e);
      }
  }
  return (hint: EntityHint) => {
    let entity: Entity | undefined;
    let name: string;
    if ('entityRef' in hint) {
      name = hint.entityRef;
      const ref = normaliseRef(hint.entityRef);
      if (!ref)
        return { problem: `${hint.entityRef} is not an entity reference` };
      entity = byRef.get(ref);
    } else {
      const keys =
        hint.annotation === 'project-slug' ? PROJECT_SLUGS : [hint.annotation];
      name = `${keys.join(' or ')}: ${hint.value}`;
      for (const k of keys)
        entity ??= byAnnotation.get(`${k}\u0000${lower(hint.value)}`);
    }
    if (entity && !EVENT_KINDS.includes(entity.kind.toLocaleLowerCase('en-US')))
      return {
        problem: `${lower(
          stringifyEntityRef(entity),
        )} is not a component or resource: delivery events are about what is deployed (a ${
          entity.kind
        } is not)`,
      };
    if (!entity)
      return {
        problem: `unknown entity: no catalog entity for ${name} (give customData.entityRef or annotate the entity with ${PROJECT_SLUGS.join(
          ' or ',
        )} / pagerduty.com/service-id)`,
      };
    return {
      entityRef: lower(stringifyEntityRef(entity)),
      team: teamOf(entity),
    };
  };
}

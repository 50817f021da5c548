import { Entity, stringifyEntityRef } from '@backstage/catalog-model';

/** What an entity page asks delivery about: a Group is a team, anything else an entity. */
export const scopeOf = (entity: Entity) => {
  const ref = stringifyEntityRef(entity);
  return entity.kind.toLocaleLowerCase('en-US') === 'group'
    ? { teamRef: ref }
    : { entityRef: ref };
};

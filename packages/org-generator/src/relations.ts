import {
  Entity,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';

const full = (ref: string, kind: string) =>
  stringifyEntityRef(
    parseEntityRef(ref, { defaultKind: kind, defaultNamespace: 'default' }),
  ).toLocaleLowerCase('en-US');

/**
 * The generated entities with the relations the catalog's processors would emit for them
 * (ownedBy, dependsOn, consumesApi, hasMember and Teamflow's servedBy), for benchmarks and
 * tests that feed the organisation to code reading catalog entities without a catalog.
 *
 * @public
 */
export function withRelations(entities: Entity[]): Entity[] {
  const members = new Map<string, string[]>();
  for (const e of entities) {
    if (e.kind !== 'User') continue;
    for (const g of (e.spec as any).memberOf ?? []) {
      const ref = full(g, 'group');
      members.set(ref, [...(members.get(ref) ?? []), stringifyEntityRef(e)]);
    }
  }
  return entities.map(e => {
    const s = e.spec as any;
    const relations = [
      ...(s.owner
        ? [{ type: 'ownedBy', targetRef: full(s.owner, 'group') }]
        : []),
      ...(s.dependsOn ?? []).map((r: string) => ({
        type: 'dependsOn',
        targetRef: full(r, 'component'),
      })),
      ...(s.consumesApis ?? []).map((r: string) => ({
        type: 'consumesApi',
        targetRef: full(r, 'api'),
      })),
      ...(e.kind === 'Group'
        ? members.get(full(stringifyEntityRef(e), 'group')) ?? []
        : []
      ).map((u: string) => ({ type: 'hasMember', targetRef: u })),
      ...(e.kind === 'Persona' ? s.servedBy ?? [] : []).map((r: string) => ({
        type: 'teamflow.io/servedBy',
        targetRef: full(r, 'group'),
      })),
    ];
    return { ...e, relations };
  });
}

import { Entity } from '@backstage/catalog-model';

/** True for entities with delivery metrics: components, systems and groups. @public */
export function isDeliveryAvailable(entity: Entity): boolean {
  return ['component', 'system', 'group'].includes(
    entity.kind.toLocaleLowerCase('en-US'),
  );
}

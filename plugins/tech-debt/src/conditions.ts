import { Entity } from '@backstage/catalog-model';
import { DEBT_ENTITY_KINDS } from '@teamflow/plugin-tech-debt-common';

/** True for entities that carry a debt register: components, systems, resources, APIs. @public */
export function isTechDebtAvailable(entity: Entity): boolean {
  return DEBT_ENTITY_KINDS.includes(entity.kind.toLocaleLowerCase('en-US'));
}

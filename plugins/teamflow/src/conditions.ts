import { Entity } from '@backstage/catalog-model';
import {
  getTeamType,
  isFeatureEntity,
  isPersonaEntity,
  isTeamInteractionEntity,
} from '@teamflow/plugin-teamflow-common';

/** True for a team Group (typed or undeclared): guards the team cards. @public */
export function isTeamflowTeam(entity: Entity): boolean {
  return getTeamType(entity) !== undefined;
}

/** True for `kind: Persona` (teamflow.io/v1alpha1). @public */
export function isPersona(entity: Entity): boolean {
  return isPersonaEntity(entity);
}

/** True for `kind: TeamInteraction` (teamflow.io/v1alpha1). @public */
export function isTeamInteraction(entity: Entity): boolean {
  return isTeamInteractionEntity(entity);
}

/** True for `kind: Feature` (teamflow.io/v1alpha1). @public */
export function isFeature(entity: Entity): boolean {
  return isFeatureEntity(entity);
}

import { Entity } from '@backstage/catalog-model';
import {
  DependencySeverity,
  InteractionMode,
  InteractionStatus,
  PersonaLifecycle,
  PersonaType,
  TEAMFLOW_API_VERSION,
} from './vocabulary';

/** A job to be done: "When …, I want …, so that …". @public */
export type PersonaJob = { when: string; want: string; soThat: string };

/** A system or component a persona uses. @public */
export type PersonaUse = {
  entityRef: string;
  frequency?: 'daily' | 'weekly' | 'monthly' | 'rarely';
  why?: string;
};

/** `kind: Persona` (teamflow.io/v1alpha1). @public */
export interface PersonaEntity extends Entity {
  apiVersion: typeof TEAMFLOW_API_VERSION;
  kind: 'Persona';
  spec: {
    type: PersonaType;
    owner: string;
    lifecycle: PersonaLifecycle;
    segments?: string[];
    goals?: string[];
    pains?: string[];
    jobs?: PersonaJob[];
    servedBy?: string[];
    uses?: PersonaUse[];
  };
}

/** `kind: TeamInteraction` (teamflow.io/v1alpha1). @public */
export interface TeamInteractionEntity extends Entity {
  apiVersion: typeof TEAMFLOW_API_VERSION;
  kind: 'TeamInteraction';
  spec: {
    /** The team offering: provider, platform or facilitator (a peer for collaboration). */
    from: string;
    /** The team receiving it. */
    to: string;
    mode: InteractionMode;
    purpose: string;
    status: InteractionStatus;
    startDate?: string;
    /** Required for collaboration and facilitating: they are temporary. */
    reviewBy?: string;
    dependency?: { severity: DependencySeverity };
    owner?: string;
  };
}

/** @public */
export function isPersonaEntity(entity: Entity): entity is PersonaEntity {
  return (
    entity.apiVersion === TEAMFLOW_API_VERSION && entity.kind === 'Persona'
  );
}

/** @public */
export function isTeamInteractionEntity(
  entity: Entity,
): entity is TeamInteractionEntity {
  return (
    entity.apiVersion === TEAMFLOW_API_VERSION &&
    entity.kind === 'TeamInteraction'
  );
}

/**
 * An active collaboration or facilitation past its `reviewBy` (`today` is
 * YYYY-MM-DD). x-as-a-service is meant to last, so it is never overdue.
 *
 * @public
 */
export function isInteractionOverdue(
  spec: Pick<TeamInteractionEntity['spec'], 'mode' | 'status' | 'reviewBy'>,
  today: string,
): boolean {
  return (
    spec.status === 'active' &&
    spec.mode !== 'x-as-a-service' &&
    spec.reviewBy !== undefined &&
    spec.reviewBy < today
  );
}

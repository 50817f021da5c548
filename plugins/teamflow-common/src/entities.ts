import { Entity } from '@backstage/catalog-model';
import {
  DependencySeverity,
  FeatureLifecycle,
  InteractionMode,
  InteractionStatus,
  PersonaLifecycle,
  PersonaType,
  TEAMFLOW_API_VERSION,
} from './vocabulary';
import { FeatureAnalytics, PersonaRule } from './productAnalytics';

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
  /** Always {@link TEAMFLOW_API_VERSION}. */
  apiVersion: typeof TEAMFLOW_API_VERSION;
  /** Always `Persona`. */
  kind: 'Persona';
  /** The Persona's fields, as the catalog module validates them. */
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
    /**
     * How product analytics recognises this persona: rules over the traits
     * of `identify` calls; a user matching any rule is this persona.
     */
    analytics?: { rules?: PersonaRule[] };
  };
}

/** A persona a feature is aimed at, and why. @public */
export type FeatureTarget = {
  /** A Persona entity ref. */
  persona: string;
  /** The persona's job this feature serves: the hypothesis to check. */
  why: string;
};

/**
 * `kind: Feature` (teamflow.io/v1alpha1): a product capability, the team
 * owning it, the components implementing it, the personas it is aimed at
 * (each with why), the outcome it should move and how product analytics
 * recognises its use.
 *
 * @public
 */
export interface FeatureEntity extends Entity {
  /** Always {@link TEAMFLOW_API_VERSION}. */
  apiVersion: typeof TEAMFLOW_API_VERSION;
  /** Always `Feature`. */
  kind: 'Feature';
  /** The Feature's fields, as the catalog module validates them. */
  spec: {
    owner: string;
    lifecycle: FeatureLifecycle;
    implementedBy?: string[];
    targets?: FeatureTarget[];
    /** The outcome (metric) it should move, in words. */
    outcome?: string;
    /** How product analytics recognises its use (and its HEART success and happiness). */
    analytics?: FeatureAnalytics;
  };
}

/** Whether an entity is a Teamflow Feature. @public */
export function isFeatureEntity(entity: Entity): entity is FeatureEntity {
  return (
    entity.apiVersion === TEAMFLOW_API_VERSION && entity.kind === 'Feature'
  );
}

/** `kind: TeamInteraction` (teamflow.io/v1alpha1). @public */
export interface TeamInteractionEntity extends Entity {
  /** Always {@link TEAMFLOW_API_VERSION}. */
  apiVersion: typeof TEAMFLOW_API_VERSION;
  /** Always `TeamInteraction`. */
  kind: 'TeamInteraction';
  /** The TeamInteraction's fields, as the catalog module validates them. */
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

/** Whether an entity is a Teamflow Persona. @public */
export function isPersonaEntity(entity: Entity): entity is PersonaEntity {
  return (
    entity.apiVersion === TEAMFLOW_API_VERSION && entity.kind === 'Persona'
  );
}

/** Whether an entity is a Teamflow TeamInteraction. @public */
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

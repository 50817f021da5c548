import {
  Entity,
  RELATION_OWNED_BY,
  RELATION_OWNER_OF,
  getCompoundEntityRef,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import { LocationSpec } from '@backstage/plugin-catalog-common';
import {
  CatalogProcessor,
  CatalogProcessorEmit,
  processingResult,
} from '@backstage/plugin-catalog-node';
import {
  FeatureEntity,
  PersonaEntity,
  TEAMFLOW_RELATIONS,
  TeamInteractionEntity,
  ValidationProblem,
  isFeatureEntity,
  isPersonaEntity,
  isTeamInteractionEntity,
  interactionModeTitle,
  refName,
  sentenceCase,
  validateFeature,
  validatePersona,
  validateTeamInteraction,
  validateTeamflowMetadata,
} from '@teamflow/plugin-teamflow-common';

type Ref = ReturnType<typeof getCompoundEntityRef>;

/**
 * Teaches the catalog Teamflow's model: validates the `Persona`,
 * `TeamInteraction` and `Feature` kinds (teamflow.io/v1alpha1) and the Teamflow label and
 * annotations on Groups, Domains and Systems, and emits Teamflow's relations
 * in both directions. Entities without Teamflow data pass untouched.
 *
 * @public
 */
export class TeamflowEntitiesProcessor implements CatalogProcessor {
  /** The processor's name in the catalog's logs and errors. */
  getProcessorName(): string {
    return 'TeamflowEntitiesProcessor';
  }

  /**
   * Writes Teamflow's refs in full (`checkout` becomes `group:default/checkout`)
   * so that catalog filters such as `spec.from=group:default/checkout` find
   * them however the YAML spelled them. Unparseable refs are left for
   * validation to report.
   */
  async preProcessEntity(entity: Entity): Promise<Entity> {
    if (isTeamInteractionEntity(entity) && isRecord(entity.spec)) {
      const spec = { ...entity.spec };
      for (const key of ['from', 'to', 'owner'] as const) {
        spec[key] = fullRef(spec[key], 'group') as string;
      }
      // Without a title the page would be headed by the entity's slug:
      // "Checkout ↔ Order flow, collaboration" reads better.
      const metadata =
        entity.metadata.title ||
        typeof spec.from !== 'string' ||
        typeof spec.to !== 'string'
          ? entity.metadata
          : {
              ...entity.metadata,
              title: `${sentenceCase(refName(spec.from))} ${
                spec.mode === 'collaboration' ? '↔' : '→'
              } ${sentenceCase(refName(spec.to))}, ${interactionModeTitle(
                String(spec.mode ?? 'interaction'),
              )}`,
            };
      return { ...entity, metadata, spec };
    }
    if (isPersonaEntity(entity) && isRecord(entity.spec)) {
      const spec = { ...entity.spec };
      spec.owner = fullRef(spec.owner, 'group') as string;
      if (Array.isArray(spec.servedBy)) {
        spec.servedBy = spec.servedBy.map(r => fullRef(r, 'group') as string);
      }
      if (Array.isArray(spec.uses)) {
        spec.uses = spec.uses.map(u =>
          isRecord(u)
            ? { ...u, entityRef: fullRef(u.entityRef, 'component') }
            : u,
        ) as PersonaEntity['spec']['uses'];
      }
      return { ...entity, spec };
    }
    if (isFeatureEntity(entity) && isRecord(entity.spec)) {
      const spec = { ...entity.spec };
      spec.owner = fullRef(spec.owner, 'group') as string;
      if (Array.isArray(spec.implementedBy)) {
        spec.implementedBy = spec.implementedBy.map(
          r => fullRef(r, 'component') as string,
        );
      }
      if (Array.isArray(spec.targets)) {
        spec.targets = spec.targets.map(t =>
          isRecord(t) ? { ...t, persona: fullRef(t.persona, 'persona') } : t,
        ) as FeatureEntity['spec']['targets'];
      }
      return { ...entity, spec };
    }
    return entity;
  }

  /**
   * Claims Persona, TeamInteraction and Feature entities, and throws an error naming each field the
   * entity gets wrong.
   */
  async validateEntityKind(entity: Entity): Promise<boolean> {
    let problems: ValidationProblem[];
    let known = true;
    if (isPersonaEntity(entity)) {
      problems = validatePersona(entity);
    } else if (isTeamInteractionEntity(entity)) {
      problems = validateTeamInteraction(entity);
    } else if (isFeatureEntity(entity)) {
      problems = validateFeature(entity);
    } else {
      problems = validateTeamflowMetadata(entity);
      known = false; // Group/Domain/System stay the built-in processor's to accept
    }
    if (problems.length > 0) {
      throw new InputError(
        `${stringifyEntityRef(entity)} is not valid Teamflow data: ${problems
          .map(p => `${p.field} ${p.message}`)
          .join('; ')}`,
      );
    }
    return known;
  }

  /**
   * Emits the two-way relations of a Persona, TeamInteraction or Feature (to its teams, components
   * and personas).
   */
  async postProcessEntity(
    entity: Entity,
    _location: LocationSpec,
    emit: CatalogProcessorEmit,
  ): Promise<Entity> {
    const self = getCompoundEntityRef(entity);
    const pair = (
      source: Ref,
      forward: string,
      target: Ref,
      backward: string,
    ) => {
      emit(processingResult.relation({ source, type: forward, target }));
      emit(
        processingResult.relation({
          source: target,
          type: backward,
          target: source,
        }),
      );
    };
    if (isPersonaEntity(entity)) {
      emitPersonaRelations(entity, self, pair);
    } else if (isTeamInteractionEntity(entity)) {
      emitInteractionRelations(entity, self, pair);
    } else if (isFeatureEntity(entity)) {
      emitFeatureRelations(entity, self, pair);
    }
    return entity;
  }
}

function isRecord(value: unknown): value is Record<string, any> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function fullRef(value: unknown, defaultKind: string): unknown {
  if (typeof value !== 'string') return value;
  try {
    return stringifyEntityRef(
      parseEntityRef(value, { defaultKind, defaultNamespace: 'default' }),
    );
  } catch {
    return value;
  }
}

type Pair = (
  source: Ref,
  forward: string,
  target: Ref,
  backward: string,
) => void;

function toRef(ref: string, defaultKind: string): Ref {
  return parseEntityRef(ref, { defaultKind, defaultNamespace: 'default' });
}

function emitPersonaRelations(entity: PersonaEntity, self: Ref, pair: Pair) {
  pair(
    self,
    RELATION_OWNED_BY,
    toRef(entity.spec.owner, 'group'),
    RELATION_OWNER_OF,
  );
  for (const team of entity.spec.servedBy ?? []) {
    pair(
      self,
      TEAMFLOW_RELATIONS.servedBy,
      toRef(team, 'group'),
      TEAMFLOW_RELATIONS.serves,
    );
  }
  for (const use of entity.spec.uses ?? []) {
    pair(
      self,
      TEAMFLOW_RELATIONS.uses,
      toRef(use.entityRef, 'component'),
      TEAMFLOW_RELATIONS.usedBy,
    );
  }
}

function emitFeatureRelations(entity: FeatureEntity, self: Ref, pair: Pair) {
  pair(
    self,
    RELATION_OWNED_BY,
    toRef(entity.spec.owner, 'group'),
    RELATION_OWNER_OF,
  );
  for (const component of entity.spec.implementedBy ?? []) {
    pair(
      self,
      TEAMFLOW_RELATIONS.implementedBy,
      toRef(component, 'component'),
      TEAMFLOW_RELATIONS.implements,
    );
  }
  for (const target of entity.spec.targets ?? []) {
    pair(
      self,
      TEAMFLOW_RELATIONS.targets,
      toRef(target.persona, 'persona'),
      TEAMFLOW_RELATIONS.targetedBy,
    );
  }
}

/**
 * Team-to-team relations come only from interactions that are `active`: a
 * planned or ended interaction is visible on its own entity but is not how
 * the teams work together today.
 */
function emitInteractionRelations(
  entity: TeamInteractionEntity,
  self: Ref,
  pair: Pair,
) {
  const { from, to, mode, status, owner } = entity.spec;
  pair(
    self,
    RELATION_OWNED_BY,
    toRef(owner ?? from, 'group'),
    RELATION_OWNER_OF,
  );
  if (status !== 'active') return;
  const offering = toRef(from, 'group');
  const receiving = toRef(to, 'group');
  if (mode === 'x-as-a-service') {
    pair(
      offering,
      TEAMFLOW_RELATIONS.providesServiceTo,
      receiving,
      TEAMFLOW_RELATIONS.consumesServiceFrom,
    );
  } else if (mode === 'facilitating') {
    pair(
      offering,
      TEAMFLOW_RELATIONS.facilitates,
      receiving,
      TEAMFLOW_RELATIONS.facilitatedBy,
    );
  } else {
    pair(
      offering,
      TEAMFLOW_RELATIONS.collaboratesWith,
      receiving,
      TEAMFLOW_RELATIONS.collaboratesWith,
    );
  }
}

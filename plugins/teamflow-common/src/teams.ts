import { Entity } from '@backstage/catalog-model';
import {
  FOCUS_ANNOTATION,
  PLATFORM_GROUPING_ANNOTATION,
  TEAM_TYPES,
  TEAM_TYPE_LABEL,
  TeamType,
  VALUE_STREAM_ANNOTATION,
} from './vocabulary';

/**
 * The Team Topologies type of a Group: its `teamflow.io/team-type` label, or
 * `'undeclared'` for a team Group (`spec.type: team`) without one — shown,
 * never hidden. Undefined for entities that are not teams.
 *
 * @public
 */
export function getTeamType(
  entity: Entity,
): TeamType | 'undeclared' | undefined {
  if (entity.kind.toLocaleLowerCase('en-US') !== 'group') return undefined;
  const label = entity.metadata.labels?.[TEAM_TYPE_LABEL];
  if (label && (TEAM_TYPES as readonly string[]).includes(label)) {
    return label as TeamType;
  }
  return (entity.spec as { type?: string } | undefined)?.type === 'team'
    ? 'undeclared'
    : undefined;
}

/** A team's focus in one sentence (the `teamflow.io/focus` annotation). @public */
export function getTeamFocus(entity: Entity): string | undefined {
  return entity.metadata.annotations?.[FOCUS_ANNOTATION];
}

/** The value stream a team works in (the `teamflow.io/value-stream` annotation). @public */
export function getValueStream(entity: Entity): string | undefined {
  return entity.metadata.annotations?.[VALUE_STREAM_ANNOTATION];
}

/**
 * The platform grouping of a platform team (the `teamflow.io/platform-grouping` annotation).
 *
 * @public
 */
export function getPlatformGrouping(entity: Entity): string | undefined {
  return entity.metadata.annotations?.[PLATFORM_GROUPING_ANNOTATION];
}

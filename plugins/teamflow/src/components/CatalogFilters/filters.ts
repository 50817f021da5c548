import { Entity } from '@backstage/catalog-model';
import { EntityFilter } from '@backstage/plugin-catalog-react';
import {
  TEAMFLOW_RELATIONS,
  getTeamType,
} from '@teamflow/plugin-teamflow-common';

/** Keeps team Groups of the chosen Team Topologies types (including "undeclared"). @public */
export class TeamTypeFilter implements EntityFilter {
  /** The chosen team types. */
  readonly values: string[];

  constructor(values: string[]) {
    this.values = values;
  }

  /** Whether the entity is a team of one of the chosen types. */
  filterEntity(entity: Entity): boolean {
    const type = getTeamType(entity);
    return type !== undefined && this.values.includes(type);
  }

  /** The values kept in the page's URL. */
  toQueryValue(): string[] {
    return this.values;
  }
}

const PERSONA_LINKS: string[] = [
  TEAMFLOW_RELATIONS.serves, // a team serving the persona
  TEAMFLOW_RELATIONS.usedBy, // a system or component the persona uses
];

/**
 * Keeps entities linked to one of the chosen personas: teams that serve it and
 * systems or components it uses.
 *
 * @public
 */
export class PersonaFilter implements EntityFilter {
  /** The chosen personas' refs, lower-cased. */
  readonly values: string[];

  constructor(values: string[]) {
    this.values = values;
  }

  /** Whether the entity serves or is used by one of the chosen personas. */
  filterEntity(entity: Entity): boolean {
    return (entity.relations ?? []).some(
      r =>
        PERSONA_LINKS.includes(r.type) &&
        this.values.includes(r.targetRef.toLocaleLowerCase('en-US')),
    );
  }

  /** The values kept in the page's URL. */
  toQueryValue(): string[] {
    return this.values;
  }
}

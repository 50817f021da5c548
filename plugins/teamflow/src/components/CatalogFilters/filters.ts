import { Entity } from '@backstage/catalog-model';
import { EntityFilter } from '@backstage/plugin-catalog-react';
import {
  TEAMFLOW_RELATIONS,
  getTeamType,
} from '@teamflow/plugin-teamflow-common';

/** Keeps team Groups of the chosen Team Topologies types (including "undeclared"). @public */
export class TeamTypeFilter implements EntityFilter {
  constructor(readonly values: string[]) {}

  filterEntity(entity: Entity): boolean {
    const type = getTeamType(entity);
    return type !== undefined && this.values.includes(type);
  }

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
  constructor(readonly values: string[]) {}

  filterEntity(entity: Entity): boolean {
    return (entity.relations ?? []).some(
      r =>
        PERSONA_LINKS.includes(r.type) &&
        this.values.includes(r.targetRef.toLocaleLowerCase('en-US')),
    );
  }

  toQueryValue(): string[] {
    return this.values;
  }
}

import { DefaultEntityFilters } from '@backstage/plugin-catalog-react';
import { PersonaFilter, TeamTypeFilter } from './filters';

/** The catalog's filters with Teamflow's team type and persona. */
export type TeamflowFilters = DefaultEntityFilters & {
  teamType?: TeamTypeFilter;
  persona?: PersonaFilter;
};

/** A query parameter given once or many times, as a list. */
export const asList = (value: unknown): string[] =>
  ([] as unknown[]).concat(value ?? []).map(String);

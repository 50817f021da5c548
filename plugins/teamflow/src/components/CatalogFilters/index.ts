export { EntityTeamTypePicker, EntityPersonaPicker } from './CatalogFilters';
export { TeamTypeFilter, PersonaFilter } from './filters';

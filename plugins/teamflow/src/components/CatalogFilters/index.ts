export { EntityPersonaPicker } from './EntityPersonaPicker';
export { EntityTeamTypePicker } from './EntityTeamTypePicker';
export { TeamTypeFilter, PersonaFilter } from './filters';

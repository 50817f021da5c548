export { TeamTypeChip, TEAM_TYPE_COLOURS } from './TeamTypeChip';

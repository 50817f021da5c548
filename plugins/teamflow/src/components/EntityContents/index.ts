export { FeatureContent } from './FeatureContent';
export { PersonaContent } from './PersonaContent';
export { TeamInteractionContent } from './TeamInteractionContent';
export { TeamflowTeamContent } from './TeamflowTeamContent';

export {
  PersonaContent,
  TeamInteractionContent,
  TeamflowTeamContent,
} from './EntityContents';

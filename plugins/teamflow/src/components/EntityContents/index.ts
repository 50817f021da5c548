export {
  PersonaContent,
  TeamInteractionContent,
  TeamflowTeamContent,
  FeatureContent,
} from './EntityContents';

export { TeamCognitiveLoadCard } from './TeamCognitiveLoadCard';

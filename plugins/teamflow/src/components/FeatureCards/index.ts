export { FeatureCard } from './FeatureCard';
export { PersonaFeaturesCard } from './PersonaFeaturesCard';
export { TeamFeaturesCard } from './TeamFeaturesCard';

export { FeatureCard, PersonaFeaturesCard } from './FeatureCards';

export {
  FeatureCard,
  PersonaFeaturesCard,
  TeamFeaturesCard,
} from './FeatureCards';

export { FeatureUsageCard, PersonaUsageCard } from './Usage';

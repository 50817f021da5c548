export { FeatureUsageCard } from './FeatureUsageCard';
export { PersonaEngagementCard } from './PersonaEngagementCard';
export { PersonaUsageCard } from './PersonaUsageCard';

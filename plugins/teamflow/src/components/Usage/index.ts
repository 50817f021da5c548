export {
  FeatureUsageCard,
  PersonaEngagementCard,
  PersonaUsageCard,
} from './Usage';

export { FeatureComponentsCard } from './FeatureComponentsCard';

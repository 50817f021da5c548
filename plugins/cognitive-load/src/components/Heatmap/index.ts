export { HeatmapView } from './HeatmapView';
export { CognitiveLoadOverviewCard } from './CognitiveLoadOverviewCard';

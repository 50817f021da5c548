/**
 * Cognitive-load surveys for Teamflow (classic frontend system).
 *
 * @packageDocumentation
 */
export {
  cognitiveLoadPlugin,
  CognitiveLoadPage,
  EntityTeamCognitiveLoadCard,
  CognitiveLoadOverviewCard,
} from './plugin';
export {
  cognitiveLoadApiRef,
  CognitiveLoadClient,
} from './api/CognitiveLoadApi';
export type {
  CognitiveLoadApi,
  MySurvey,
  WaveProgress,
  TeamResults,
  Heatmap,
  HeatmapRow,
  NewWave,
  WaveList,
} from './api/CognitiveLoadApi';

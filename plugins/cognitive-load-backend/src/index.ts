/**
 * Cognitive-load surveys for Teamflow: waves, anonymous answers and
 * k-anonymous results.
 *
 * @packageDocumentation
 */
export { cognitiveLoadPlugin as default } from './plugin';
export { createRouter } from './router';
export { SurveyService, waveStatus } from './service/SurveyService';
export type {
  OrgGroup,
  GroupResult,
  ResultChange,
  WaveResults,
} from './service/waveResults';
export { readSurveyConfig } from './service/config';
export type { SurveyConfig } from './service/config';
export { respondentKey } from './service/respondentKey';
export { seedDemo } from './service/demoSeed';
export { DatabaseCognitiveLoadStore } from './database/CognitiveLoadStore';
export type {
  CognitiveLoadStore,
  Publication,
  StoredWave,
  StoredResponse,
} from './database/CognitiveLoadStore';

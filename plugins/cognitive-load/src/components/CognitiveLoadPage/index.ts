export { CognitiveLoadPage } from './CognitiveLoadPage';

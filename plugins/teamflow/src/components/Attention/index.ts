export { AttentionView } from './AttentionView';
export { AttentionTable } from './AttentionTable';
export { AttentionCard } from './AttentionCard';

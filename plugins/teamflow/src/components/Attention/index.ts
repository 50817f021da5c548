export { AttentionView, AttentionTable, AttentionCard } from './AttentionView';

export { TeamInteractionCard } from './TeamInteractionCard';

export { TeamServiceCard } from './TeamServiceCard';

export { TeamTopologyCard } from './TeamTopologyCard';

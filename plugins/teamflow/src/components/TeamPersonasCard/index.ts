export { TeamPersonasCard } from './TeamPersonasCard';

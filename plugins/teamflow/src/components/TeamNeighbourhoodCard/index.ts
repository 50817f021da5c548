export { TeamNeighbourhoodCard } from './TeamNeighbourhoodCard';

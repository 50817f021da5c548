export { NorthStarCard } from './NorthStarCard';

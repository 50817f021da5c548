export { ServesPersonasCard } from './ServesPersonasCard';

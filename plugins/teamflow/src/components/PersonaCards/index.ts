export { PersonaGoalsCard } from './PersonaGoalsCard';
export { PersonaJobsCard } from './PersonaJobsCard';
export { PersonaProfileCard } from './PersonaProfileCard';
export { PersonaTeamsCard } from './PersonaTeamsCard';
export { PersonaUsesCard } from './PersonaUsesCard';

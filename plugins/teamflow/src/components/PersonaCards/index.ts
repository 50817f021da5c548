export {
  PersonaProfileCard,
  PersonaGoalsCard,
  PersonaJobsCard,
  PersonaTeamsCard,
  PersonaUsesCard,
} from './PersonaCards';

export { TeamTechDebtCard } from './TeamTechDebtCard';

export { TeamTechDebtCard } from './TeamTechDebtCard';
export { TeamTechDebtContent } from './TeamTechDebtContent';

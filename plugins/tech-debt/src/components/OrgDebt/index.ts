export { OrgTechDebtPage } from './OrgTechDebtPage';
export { OrgTechDebtView } from './OrgTechDebtView';
export { TechDebtOverviewCard } from './TechDebtOverviewCard';

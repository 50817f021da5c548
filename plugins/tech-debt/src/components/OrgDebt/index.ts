export {
  OrgTechDebtPage,
  OrgTechDebtView,
  TechDebtOverviewCard,
} from './OrgTechDebtPage';

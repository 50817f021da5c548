/**
 * Technical debt for Teamflow (classic frontend system).
 *
 * @packageDocumentation
 */
export {
  techDebtPlugin,
  TechDebtPage,
  EntityTechDebtContent,
  EntityTeamTechDebtCard,
  EntityTeamTechDebtContent,
  TechDebtOverviewCard,
} from './plugin';
export {
  techDebtApiRef,
  TechDebtClient,
  DebtConflictError,
} from './api/TechDebtApi';
export type {
  TechDebtApi,
  DebtItemView,
  DebtRollup,
  OrgDebtRollup,
  CategorySums,
} from './api/TechDebtApi';
export { isTechDebtAvailable } from './conditions';

export { EntityTechDebtContent } from './EntityTechDebtContent';

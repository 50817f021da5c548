/**
 * Technical debt for Teamflow: a register per entity, signals, roll-ups.
 *
 * @packageDocumentation
 */
export { techDebtPlugin as default } from './plugin';
export { createRouter } from './router';
export {
  DebtService,
  DebtConflict,
  resolutionByQuarter,
} from './service/DebtService';
export type { QuarterResolution } from './service/DebtService';
export { catalogSignals } from './service/catalogSignals';
export { seedDemoDebt } from './service/demoSeed';
export { DatabaseDebtStore } from './database/DebtStore';
export type {
  DebtStore,
  StoredDebtItem,
  DebtAggregate,
  DebtSnapshotRow,
} from './database/DebtStore';

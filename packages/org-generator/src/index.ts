/**
 * Generates large, realistically shaped organisations for Teamflow's
 * benchmarks and load tests.
 *
 * @packageDocumentation
 */

export { generateOrganisation } from './generateOrganisation';
export type { GenerateOrganisationOptions } from './generateOrganisation';
export { writeOrganisation } from './writeOrganisation';
export { withRelations } from './relations';
export {
  sampleStats,
  measureRequests,
  openBenchDatabase,
  startCpuMeter,
  startCpuProfile,
} from './benchmark';

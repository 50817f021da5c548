/**
 * Teamflow backend: team dependency graph and structural cognitive load.
 *
 * @packageDocumentation
 */
export { teamflowPlugin as default } from './plugin';
export { TeamGraphService } from './services/TeamGraphService';
export type { TeamGraphSnapshot } from './services/TeamGraphService';

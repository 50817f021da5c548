/**
 * Teamflow backend: team dependency graph and structural cognitive load.
 *
 * @packageDocumentation
 */
// The plugin is the package's whole API, as upstream backend plugins do:
// services, stores and routers are internal.
export { teamflowPlugin as default } from './plugin';

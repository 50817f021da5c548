/**
 * Technical debt for Teamflow: a register per entity, signals, roll-ups.
 *
 * @packageDocumentation
 */
// The plugin is the package's whole API, as upstream backend plugins do:
// services, stores and routers are internal.
export { techDebtPlugin as default } from './plugin';

/**
 * Delivery flow (DORA) backend for Teamflow.
 *
 * @packageDocumentation
 */
// The plugin is the package's whole API, as upstream backend plugins do:
// services, stores and routers are internal.
export { deliveryPlugin as default } from './plugin';

/**
 * Delivery flow (DORA) for Teamflow: event types, the metric definitions,
 * daily roll-ups, DORA's published bands and the permissions shared by the
 * delivery backend and frontend.
 *
 * @packageDocumentation
 */
export * from './definitions';
export * from './metrics';
export * from './attribution';
export * from './rollup';
export * from './bands';
export * from './permissions';
export * from './api';
export * from './format';

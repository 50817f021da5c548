/**
 * Delivery flow (DORA) for Teamflow: event types and the metric definitions
 * shared by the delivery backend and frontend.
 *
 * @packageDocumentation
 */
export * from './metrics';

/**
 * Cognitive-load surveys for Teamflow: waves, anonymous answers and
 * k-anonymous results.
 *
 * @packageDocumentation
 */
// The plugin is the package's whole API, as upstream backend plugins do:
// services, stores and routers are internal.
export { cognitiveLoadPlugin as default } from './plugin';

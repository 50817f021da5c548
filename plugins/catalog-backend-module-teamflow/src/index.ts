/**
 * The Teamflow catalog module: Persona and TeamInteraction kinds, team types
 * on Groups, and Teamflow's relations.
 *
 * @packageDocumentation
 */

export { catalogModuleTeamflow as default } from './module';
export { TeamflowEntitiesProcessor } from './TeamflowEntitiesProcessor';

/**
 * Teamflow's vocabulary, entity types, validators and pure helpers: Team
 * Topologies team types and interactions, and product personas, in the
 * Backstage catalog. Isomorphic.
 *
 * @packageDocumentation
 */

export * from './vocabulary';
export * from './entities';
export * from './validation';
export * from './teams';
export * from './teamGraph';
export * from './structuralLoad';
export * from './overview';
export * from './ownership';
export * from './history';
export * from './permissions';
export * from './attention';
export * from './productAnalytics';
export * from './display';

/**
 * The organisation model shared by Teamflow's backend plugins.
 *
 * @packageDocumentation
 */
export * from './org';
export * from './service';
export * from './rows';

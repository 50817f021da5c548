/**
 * Technical debt for Teamflow: the debt item model and its validation, the
 * prioritisation score, signals and permissions, shared by frontend and
 * backend.
 *
 * @packageDocumentation
 */
export * from './model';
export * from './score';
export * from './permissions';

/**
 * Cognitive-load surveys for Teamflow: the instrument and its validation,
 * scoring, the k-anonymity release rules and the permissions, shared by the
 * frontend and backend plugins.
 *
 * @packageDocumentation
 */

export * from './instrument';
export * from './scoring';
export * from './anonymity';
export * from './privacy';
export * from './permissions';
export * from './types';

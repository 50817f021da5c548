/*
 * The organisation over time: a day's snapshot and the overview it gives
 * (historySnapshot), what changed between two days (historyChanges), and the
 * dependency map as it was and compared (historyMap).
 */
export * from './historySnapshot';
export * from './historyChanges';
export * from './historyMap';

// @ts-check

/**
 * Only the events still waiting for a Feature (`matched = false`, a few at
 * most) need finding by name: the index on (matched, event) held an entry for
 * every event ever stored, one more index write per event on the ingest's
 * hottest insert. It becomes a partial index of the waiting ones.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('analytics_events', table => {
    table.dropIndex(['matched', 'event'], 'analytics_events_unmatched_idx');
  });
  await knex.raw(
    'create index analytics_events_waiting_idx on analytics_events (event) where matched = false',
  );
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.raw('drop index analytics_events_waiting_idx');
  await knex.schema.alterTable('analytics_events', table => {
    table.index(['matched', 'event'], 'analytics_events_unmatched_idx');
  });
};

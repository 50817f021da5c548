// @ts-check

/**
 * Product events that arrive before the catalog has a Feature declaring
 * them: kept raw as `matched = false` with the persona their user had then,
 * and counted once a Feature declares them (while still in the retention
 * window). Events stored before this migration were all judged when they
 * arrived, so they count as matched.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('analytics_events', table => {
    table.boolean('matched').notNullable().defaultTo(true);
    table.string('persona', 255);
    table.index(['matched', 'event'], 'analytics_events_unmatched_idx');
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.alterTable('analytics_events', table => {
    table.dropIndex(['matched', 'event'], 'analytics_events_unmatched_idx');
    table.dropColumn('persona');
    table.dropColumn('matched');
  });
};

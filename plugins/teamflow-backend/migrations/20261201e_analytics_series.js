// @ts-check

/**
 * Time series fed through the analytics API (North Star and input metrics
 * that product analytics does not compute): one value per series and day.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('analytics_series', table => {
    table.string('series', 100).notNullable();
    table.string('day', 10).notNullable();
    // Monday of the day's ISO week: reads average whole weeks.
    table.string('week', 10).notNullable();
    table.double('value').notNullable();
    table.string('source', 100).notNullable();
    table.double('received_at').notNullable();
    table.primary(['series', 'day']);
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('analytics_series');
};

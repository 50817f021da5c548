// @ts-check

/**
 * Alerts sent through the notifications backend: one row per alert, so an
 * alert goes out once although today's snapshot is retaken every hour.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('teamflow_alerts_sent', table => {
    table.string('alert_key', 512).primary();
    table.double('sent_at').notNullable();
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('teamflow_alerts_sent');
};

// @ts-check

/**
 * The organisation's history: one snapshot a day (teams and types, owners,
 * team dependencies with their classification, structural load), the
 * latest of the day kept, as JSON.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('teamflow_org_snapshots', table => {
    table.string('taken_on', 10).primary();
    table.double('taken_at').notNullable();
    table.string('source', 16).notNullable();
    table.text('snapshot').notNullable();
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('teamflow_org_snapshots');
};

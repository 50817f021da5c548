// @ts-check

/**
 * Incidents pinned on a deployment (an explicit link), found when that
 * deployment arrives after them.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('delivery_incidents', table => {
    table.index(['deployment_id'], 'delivery_incident_pin_idx');
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.alterTable('delivery_incidents', table => {
    table.dropIndex([], 'delivery_incident_pin_idx');
  });
};

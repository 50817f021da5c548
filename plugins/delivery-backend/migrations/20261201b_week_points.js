// @ts-check

/**
 * Team week rows keep their trend point's medians (lead time, recovery
 * time; null without observations), computed from the week's histograms
 * when the row is written, so the organisation page reads a team's weekly
 * trend as plain numbers instead of summing and searching histograms for
 * every team and week on each request. Rows written before this migration
 * have `has_points` false; the store recomputes them once at start-up.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('delivery_team_weekly', table => {
    table.double('lead_median').nullable();
    table.double('recovery_median').nullable();
    table.boolean('has_points').notNullable().defaultTo(false);
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.alterTable('delivery_team_weekly', table => {
    table.dropColumn('lead_median');
    table.dropColumn('recovery_median');
    table.dropColumn('has_points');
  });
};

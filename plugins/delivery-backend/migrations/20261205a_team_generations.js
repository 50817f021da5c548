// @ts-check

/**
 * A generation per team, raised in the same transaction as any write of the
 * team's day or week rows. The organisation answer keeps each team's numbers
 * per window in memory and reads them again only for the teams whose
 * generation moved, on whichever replica judged them. A team without a row
 * is generation 0 (roll-ups written before this migration).
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('delivery_team_generations', table => {
    table.string('team_ref', 255).notNullable().primary();
    table.bigInteger('generation').notNullable();
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('delivery_team_generations');
};

// @ts-check

/**
 * Survey waves, the teams each targets, and responses keyed by a keyed hash of
 * the respondent (never their identity).
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('waves', table => {
    table.string('id', 36).primary();
    table.string('title', 200).notNullable();
    // The instrument as it was when the wave opened, so results never depend
    // on what the configuration says today.
    table.text('instrument').notNullable();
    // ISO 8601 UTC instants: sortable as text on every engine.
    table.string('opens_at', 30).notNullable();
    table.string('closes_at', 30).notNullable();
    table.string('closed_early_at', 30).nullable();
    table.string('created_by', 255).notNullable();
    table.string('created_at', 30).notNullable();
  });
  await knex.schema.createTable('wave_teams', table => {
    table
      .string('wave_id', 36)
      .notNullable()
      .references('id')
      .inTable('waves')
      .onDelete('CASCADE');
    table.string('team_ref', 255).notNullable();
    table.primary(['wave_id', 'team_ref']);
  });
  await knex.schema.createTable('responses', table => {
    table
      .string('wave_id', 36)
      .notNullable()
      .references('id')
      .inTable('waves')
      .onDelete('CASCADE');
    table.string('team_ref', 255).notNullable();
    // HMAC-SHA256(secret, wave id + user ref), hex.
    table.string('respondent_key', 64).notNullable();
    table.text('answers').notNullable();
    table.primary(['wave_id', 'team_ref', 'respondent_key']);
    table.index(['wave_id', 'team_ref'], 'responses_wave_team_idx');
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('responses');
  await knex.schema.dropTable('wave_teams');
  await knex.schema.dropTable('waves');
};

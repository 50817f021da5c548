// @ts-check

/**
 * What has been published of open waves, and when closed waves were sealed.
 *
 * - `publications` / `published_responses`: the answers a team's results were
 *   last computed from while its wave was open. Results of an open wave move
 *   only when at least k more people have answered since (never when someone
 *   changes an answer), so a copy of the answers at that moment is kept,
 *   without respondent keys, in content order.
 * - `waves.sealed_at`: when the wave's responses lost their respondent keys
 *   (replaced by random ones, rows rewritten in content order) after it
 *   closed; from then on nobody can tell whose answers a row holds.
 * - `secrets`: a generated respondent-key secret when configuration has none.
 * - `wave_results`: a closed wave's results as computed when it was sealed,
 *   with the organisation as it was then. They never change afterwards:
 *   re-deriving them under a later hierarchy would publish new roll-ups of
 *   the same answers, which could be subtracted from the old ones.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('waves', table => {
    table.string('sealed_at', 30).nullable();
  });
  await knex.schema.createTable('publications', table => {
    table
      .string('wave_id', 36)
      .notNullable()
      .references('id')
      .inTable('waves')
      .onDelete('CASCADE');
    table.string('team_ref', 255).notNullable();
    // People whose answers the publication holds.
    table.integer('respondents').notNullable();
    table.primary(['wave_id', 'team_ref']);
  });
  await knex.schema.createTable('published_responses', table => {
    table
      .string('wave_id', 36)
      .notNullable()
      .references('id')
      .inTable('waves')
      .onDelete('CASCADE');
    table.string('team_ref', 255).notNullable();
    table.text('answers').notNullable();
    table.index(['wave_id', 'team_ref'], 'published_responses_wave_team_idx');
  });
  await knex.schema.createTable('secrets', table => {
    table.string('name', 63).primary();
    table.string('value', 128).notNullable();
  });
  await knex.schema.createTable('wave_results', table => {
    table
      .string('wave_id', 36)
      .primary()
      .references('id')
      .inTable('waves')
      .onDelete('CASCADE');
    table.text('results').notNullable();
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('wave_results');
  await knex.schema.dropTable('secrets');
  await knex.schema.dropTable('published_responses');
  await knex.schema.dropTable('publications');
  await knex.schema.alterTable('waves', table => {
    table.dropColumn('sealed_at');
  });
};

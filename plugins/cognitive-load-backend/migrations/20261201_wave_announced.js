// @ts-check

/**
 * `waves.announced_at`: when the wave's teams were told it is open (through
 * the notifications backend), so each wave is announced once.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('waves', table => {
    table.string('announced_at', 30).nullable();
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.alterTable('waves', table => {
    table.dropColumn('announced_at');
  });
};

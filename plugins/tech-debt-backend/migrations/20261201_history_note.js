// @ts-check

/**
 * A change may carry a short note from the person making it (why an item was
 * resolved, why a resolution was undone), kept with the change in the history.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('debt_item_history', table => {
    table.string('note', 500).nullable();
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.alterTable('debt_item_history', table => {
    table.dropColumn('note');
  });
};

// @ts-check

/**
 * Changes not yet shipped are found through a partial index holding only
 * them: new changes go into a small index, and marking one shipped no
 * longer writes an entry into a third index of the (large) changes table.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('delivery_changes', table => {
    table.dropIndex([], 'delivery_change_pending_idx');
  });
  await knex.raw(
    'create index delivery_change_pending_idx on delivery_changes (entity_ref, merged_at) where shipped = false',
  );
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.raw('drop index delivery_change_pending_idx');
  await knex.schema.alterTable('delivery_changes', table => {
    table.index(
      ['entity_ref', 'shipped', 'merged_at'],
      'delivery_change_pending_idx',
    );
  });
};

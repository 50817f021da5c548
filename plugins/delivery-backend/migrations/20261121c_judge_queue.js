// @ts-check

/**
 * Entities waiting to be judged: ingest files events and queues the
 * (entity, instant) pairs they touch; a drain judges them shortly after.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('delivery_judge_queue', table => {
    table.increments('id');
    table.string('entity_ref', 255).notNullable();
    table.double('at').notNullable();
    table.double('queued_at').notNullable();
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('delivery_judge_queue');
};

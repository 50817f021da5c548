// @ts-check

/**
 * Week roll-ups per team (the organisation page reads weeks, not days) and
 * a `shipped` flag on changes, so finding the changes not yet shipped is an
 * index lookup rather than a join over every change of an entity.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('delivery_team_weekly', table => {
    table.string('team_ref', 255).notNullable();
    table.string('environment', 100).notNullable();
    table.string('week', 10).notNullable();
    for (const c of [
      'deployments',
      'successful',
      'failed',
      'rework',
      'with_changes',
      'incidents',
      'unlinked_incidents',
      'deploy_days',
    ])
      table.integer(c).notNullable().defaultTo(0);
    for (let k = 0; k < 32; k++) {
      table.integer(`l${k}`).notNullable().defaultTo(0);
      table.integer(`r${k}`).notNullable().defaultTo(0);
    }
    table.primary(['team_ref', 'environment', 'week']);
    table.index(['environment', 'week'], 'delivery_tw_week_idx');
  });
  await knex.schema.alterTable('delivery_changes', table => {
    table.boolean('shipped').notNullable().defaultTo(false);
    table.index(
      ['entity_ref', 'shipped', 'merged_at'],
      'delivery_change_pending_idx',
    );
  });
  // Days with a deployment, without reading the day rows themselves.
  await knex.schema.alterTable('delivery_team_daily', table => {
    table.index(['environment', 'day', 'successful'], 'delivery_td_deploy_idx');
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.alterTable('delivery_team_daily', table => {
    table.dropIndex([], 'delivery_td_deploy_idx');
  });
  await knex.schema.alterTable('delivery_changes', table => {
    table.dropIndex([], 'delivery_change_pending_idx');
    table.dropColumn('shipped');
  });
  await knex.schema.dropTable('delivery_team_weekly');
};

// @ts-check

/**
 * Delivery events (deployments, changes, incidents) with the judgement of
 * the metric definitions stored beside them, and daily roll-ups per entity
 * and per team. Instants are epoch milliseconds (double precision), days
 * YYYY-MM-DD text (UTC), weeks the Monday of the ISO week.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('delivery_deployments', table => {
    table.string('id', 255).primary();
    table.string('entity_ref', 255).notNullable();
    // The entity's owning team when the event arrived.
    table.string('team_ref', 255).nullable();
    table.string('environment', 100).notNullable();
    table.double('finished_at').notNullable();
    table.string('status', 10).notNullable();
    table.boolean('rollback').notNullable().defaultTo(false);
    table.text('change_ids').nullable();
    table.string('version', 255).nullable();
    table.text('url').nullable();
    table.string('source', 60).notNullable();
    table.double('received_at').notNullable();
    // Judgement (attributeFlow), refreshed when events around it arrive.
    table.boolean('failed').notNullable().defaultTo(false);
    table.boolean('rework').notNullable().defaultTo(false);
    table.double('recovery_hours').nullable();
    table.integer('changes').notNullable().defaultTo(0);
    table.index(['entity_ref', 'finished_at'], 'delivery_dep_entity_idx');
    table.index(['team_ref', 'finished_at'], 'delivery_dep_team_idx');
  });
  await knex.schema.createTable('delivery_changes', table => {
    table.string('id', 255).primary();
    table.string('entity_ref', 255).notNullable();
    table.string('team_ref', 255).nullable();
    table.double('merged_at').notNullable();
    table.double('first_commit_at').nullable();
    table.double('opened_at').nullable();
    table.text('labels').nullable();
    table.string('revert_of', 255).nullable();
    table.text('title').nullable();
    table.text('url').nullable();
    table.string('source', 60).notNullable();
    table.double('received_at').notNullable();
    table.index(['entity_ref', 'merged_at'], 'delivery_change_entity_idx');
  });
  // Which deployment of an environment shipped a change, and its lead time.
  await knex.schema.createTable('delivery_change_deployments', table => {
    table.string('change_id', 255).notNullable();
    table.string('environment', 100).notNullable();
    table.string('deployment_id', 255).notNullable();
    table.string('entity_ref', 255).notNullable();
    table.double('lead_time_hours').notNullable();
    table.primary(['change_id', 'environment']);
    table.index(['deployment_id'], 'delivery_cd_deployment_idx');
  });
  await knex.schema.createTable('delivery_incidents', table => {
    table.string('id', 255).primary();
    table.string('entity_ref', 255).notNullable();
    table.string('team_ref', 255).nullable();
    table.string('environment', 100).notNullable();
    table.double('started_at').notNullable();
    table.double('resolved_at').nullable();
    // The source's explicit link; the judged one is linked_deployment_id.
    table.string('deployment_id', 255).nullable();
    table.string('linked_deployment_id', 255).nullable();
    table.text('title').nullable();
    table.text('url').nullable();
    table.string('source', 60).notNullable();
    table.double('received_at').notNullable();
    table.index(['entity_ref', 'started_at'], 'delivery_incident_entity_idx');
  });
  const rollupColumns = (/** @type {any} */ table) => {
    table.string('environment', 100).notNullable();
    table.string('day', 10).notNullable();
    table.string('week', 10).notNullable();
    for (const c of [
      'deployments',
      'successful',
      'failed',
      'rework',
      'with_changes',
      'incidents',
      'unlinked_incidents',
    ])
      table.integer(c).notNullable().defaultTo(0);
    for (let k = 0; k < 32; k++) {
      table.integer(`l${k}`).notNullable().defaultTo(0);
      table.integer(`r${k}`).notNullable().defaultTo(0);
    }
  };
  await knex.schema.createTable('delivery_entity_daily', table => {
    table.string('entity_ref', 255).notNullable();
    // '' when the entity had no owning team
    table.string('team_ref', 255).notNullable();
    rollupColumns(table);
    table.text('lead_times').notNullable();
    table.text('recovery_times').notNullable();
    table.primary(['entity_ref', 'environment', 'day', 'team_ref']);
    table.index(['team_ref', 'environment', 'day'], 'delivery_ed_team_idx');
  });
  await knex.schema.createTable('delivery_team_daily', table => {
    table.string('team_ref', 255).notNullable();
    rollupColumns(table);
    table.primary(['team_ref', 'environment', 'day']);
    table.index(['environment', 'day'], 'delivery_td_day_idx');
  });
  // Source cursors and backfill progress (GitHub source and others).
  await knex.schema.createTable('delivery_source_state', table => {
    table.string('source', 60).notNullable();
    table.string('key', 255).notNullable();
    table.text('state').notNullable();
    table.double('updated_at').notNullable();
    table.primary(['source', 'key']);
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  for (const t of [
    'delivery_source_state',
    'delivery_team_daily',
    'delivery_entity_daily',
    'delivery_incidents',
    'delivery_change_deployments',
    'delivery_changes',
    'delivery_deployments',
  ])
    await knex.schema.dropTable(t);
};

// @ts-check

/**
 * The debt register, its audit trail, automatically collected signals, and
 * periodic snapshots for trends.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('debt_items', table => {
    table.string('id', 36).primary();
    table.string('entity_ref', 255).notNullable();
    // The entity's owning team when last synchronised with the catalog.
    table.string('team_ref', 255).nullable();
    table.string('title', 200).notNullable();
    table.text('description').nullable();
    table.string('category', 20).notNullable();
    table.integer('impact').notNullable();
    table.string('effort', 2).notNullable();
    table.float('interest_hours_per_month').notNullable();
    table.string('status', 20).notNullable();
    // debtScore(), kept for ordering and roll-ups in SQL.
    table.float('score').notNullable();
    table.text('links').notNullable();
    table.string('author', 255).notNullable();
    table.integer('version').notNullable();
    table.string('signal_id', 64).nullable();
    // ISO 8601 UTC instants: sortable as text on every engine.
    table.string('created_at', 30).notNullable();
    table.string('updated_at', 30).notNullable();
    table.string('resolved_at', 30).nullable();
    // Derived columns for roll-ups at hundreds of thousands of items: whether
    // the item is still open, and the months it was created and resolved.
    table.boolean('open').notNullable();
    table.string('created_month', 7).notNullable();
    table.string('resolved_month', 7).nullable();
    table.index(['entity_ref'], 'debt_items_entity_idx');
    table.index(['team_ref', 'status'], 'debt_items_team_idx');
    table.index(['open', 'score'], 'debt_items_open_score_idx');
    // Covers the roll-up's GROUP BY, so it reads the index only.
    table.index(
      ['team_ref', 'category', 'status', 'score'],
      'debt_items_rollup_idx',
    );
    table.index(['created_month'], 'debt_items_created_month_idx');
    table.index(['resolved_month'], 'debt_items_resolved_month_idx');
  });
  await knex.schema.createTable('debt_item_history', table => {
    table.increments('id');
    table
      .string('item_id', 36)
      .notNullable()
      .references('id')
      .inTable('debt_items')
      .onDelete('CASCADE');
    table.integer('version').notNullable();
    table.string('changed_by', 255).notNullable();
    table.string('changed_at', 30).notNullable();
    table.text('changes').notNullable();
    table.index(['item_id'], 'debt_item_history_item_idx');
  });
  await knex.schema.createTable('debt_signals', table => {
    table.string('id', 64).primary();
    table.string('entity_ref', 255).notNullable();
    table.string('source', 40).notNullable();
    table.string('kind', 60).notNullable();
    table.string('title', 300).notNullable();
    table.text('details').notNullable();
    table.string('measured_at', 30).notNullable();
    table.index(['entity_ref'], 'debt_signals_entity_idx');
    table.index(['source'], 'debt_signals_source_idx');
  });
  await knex.schema.createTable('debt_snapshots', table => {
    table.string('taken_on', 10).notNullable();
    table.string('team_ref', 255).notNullable();
    table.string('category', 20).notNullable();
    table.integer('open_items').notNullable();
    table.float('open_score').notNullable();
    table.primary(['taken_on', 'team_ref', 'category']);
    table.index(['team_ref', 'taken_on'], 'debt_snapshots_team_idx');
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('debt_snapshots');
  await knex.schema.dropTable('debt_signals');
  await knex.schema.dropTable('debt_item_history');
  await knex.schema.dropTable('debt_items');
};

// @ts-check

/**
 * Week roll-ups of the daily aggregates (see "Weeks rolled up" in the README).
 * A view sums whole weeks; a week that ended is summed once into
 * `analytics_weekly` and read from there while nothing was written to it
 * since. The ingest notes each past week it writes in
 * `analytics_weekly_stale` (in its own transaction), and a view sums such a
 * week from the daily rows until the week is rolled up again.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  // Feature × persona × week: the sums of its days' counters.
  await knex.schema.createTable('analytics_weekly', table => {
    table.string('feature', 255).notNullable();
    table.string('persona', 255).notNullable();
    table.string('week', 10).notNullable();
    table.bigInteger('events').notNullable();
    table.bigInteger('week_users').notNullable();
    table.bigInteger('returning_users').notNullable();
    table.bigInteger('new_users').notNullable();
    table.bigInteger('successes').notNullable();
    table.bigInteger('failures').notNullable();
    table.double('score_sum').notNullable();
    table.bigInteger('scores').notNullable();
    table.primary(['feature', 'persona', 'week']);
    table.index(['persona', 'week']);
    // Every persona's weeks (the CTO overview).
    table.index(['week']);
  });
  // The weeks rolled up at least once.
  await knex.schema.createTable('analytics_weekly_done', table => {
    table.string('week', 10).primary();
    table.double('rolled_at').notNullable();
  });
  // Past weeks written since they were rolled up: one row per ingest and
  // week (inserts only, no row two ingests would wait on each other for).
  await knex.schema.createTable('analytics_weekly_stale', table => {
    table.bigIncrements('id');
    table.string('week', 10).notNullable();
    table.index(['week']);
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  for (const t of [
    'analytics_weekly_stale',
    'analytics_weekly_done',
    'analytics_weekly',
  ])
    await knex.schema.dropTable(t);
};

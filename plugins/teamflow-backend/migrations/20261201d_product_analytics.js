// @ts-check

/**
 * Product analytics (Segment-compatible ingest). User ids are stored only as
 * keyed hashes. Raw events and user-weeks are purged after the configured
 * days; the daily aggregates and each user's first use of a feature are kept.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  // Raw events: what arrived, for idempotency by messageId and for the
  // retention window; no properties beyond what the aggregates used.
  await knex.schema.createTable('analytics_events', table => {
    table.string('source', 100).notNullable();
    table.string('message_id', 200).notNullable();
    table.string('type', 16).notNullable();
    table.string('user_hash', 64).notNullable();
    table.string('event', 200);
    table.double('timestamp').notNullable();
    table.double('received_at').notNullable();
    table.primary(['source', 'message_id']);
    table.index(['received_at']);
  });
  // A product user: traits kept for persona rules (Segment's personal traits
  // dropped) and the persona they give.
  await knex.schema.createTable('analytics_users', table => {
    table.string('user_hash', 64).primary();
    table.text('traits').notNullable();
    table.string('persona', 255).notNullable();
    table.double('updated_at').notNullable();
  });
  // Each user's first use of each feature (adoption); kept.
  await knex.schema.createTable('analytics_feature_users', table => {
    table.string('feature', 255).notNullable();
    table.string('user_hash', 64).notNullable();
    table.string('first_day', 10).notNullable();
    table.string('persona', 255).notNullable();
    table.primary(['feature', 'user_hash']);
  });
  // The weeks each user used each feature (weekly actives, retention).
  await knex.schema.createTable('analytics_user_weeks', table => {
    table.string('feature', 255).notNullable();
    table.string('week', 10).notNullable();
    table.string('user_hash', 64).notNullable();
    table.string('first_day', 10).notNullable();
    table.string('persona', 255).notNullable();
    table.primary(['feature', 'week', 'user_hash']);
    table.index(['week']);
  });
  // Feature × persona × day: the HEART aggregates, kept.
  await knex.schema.createTable('analytics_daily', table => {
    table.string('feature', 255).notNullable();
    table.string('persona', 255).notNullable();
    table.string('day', 10).notNullable();
    // Monday of the day's ISO week: reads sum whole weeks.
    table.string('week', 10).notNullable();
    table.integer('events').notNullable().defaultTo(0);
    // Users whose first use of the week falls on this day (sum over a week =
    // the week's distinct users).
    table.integer('week_users').notNullable().defaultTo(0);
    // Of those, users who used the feature the week before too.
    table.integer('returning_users').notNullable().defaultTo(0);
    table.integer('new_users').notNullable().defaultTo(0);
    table.integer('successes').notNullable().defaultTo(0);
    table.integer('failures').notNullable().defaultTo(0);
    table.double('score_sum').notNullable().defaultTo(0);
    table.integer('scores').notNullable().defaultTo(0);
    table.primary(['feature', 'persona', 'day']);
    // Reads filter by feature (the key's prefix) or by persona.
    table.index(['persona', 'week']);
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  for (const t of [
    'analytics_daily',
    'analytics_user_weeks',
    'analytics_feature_users',
    'analytics_users',
    'analytics_events',
  ])
    await knex.schema.dropTable(t);
};

// @ts-check

/**
 * Queue rows are no longer deleted when a drain takes them but leased: the
 * drain marks them with its holder id and a lease end, and deletes them
 * only after their verdicts are stored. A backend killed mid-judging leaves
 * its rows leased; once the lease ends another drain (or the same backend,
 * restarted) takes them again. Rows of an entity another drain holds are
 * not taken, so two replicas never judge one entity at once.
 *
 * Ownership over time: every owner an entity had, from when (observed in
 * the catalog, or declared by an admin for moves before Teamflow watched),
 * so events are attributed to the team owning the entity at their time.
 * Deployments' explicit change lists get their own table, so a change filed
 * after the deployment that lists it finds that deployment.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('delivery_judge_queue', table => {
    table.string('claimed_by', 64).nullable();
    table.double('claimed_until').nullable();
    table.index(['entity_ref'], 'delivery_judge_queue_entity_idx');
  });
  await knex.schema.createTable('delivery_ownership', table => {
    table.string('entity_ref', 255).notNullable();
    table.double('from_at').notNullable();
    table.string('team_ref', 255).nullable();
    table.string('source', 16).notNullable();
    table.string('recorded_by', 255).nullable();
    table.double('recorded_at').notNullable();
    table.primary(['entity_ref', 'from_at']);
  });
  await knex.schema.createTable('delivery_listed_changes', table => {
    table.string('change_id', 255).notNullable();
    table.string('deployment_id', 255).notNullable();
    table.primary(['change_id', 'deployment_id']);
    table.index(['deployment_id'], 'delivery_listed_changes_deployment_idx');
  });
  // Lists already stored.
  const rows = await knex('delivery_deployments')
    .whereNotNull('change_ids')
    .select('id', 'change_ids');
  const listed = [];
  for (const r of rows)
    for (const id of new Set(JSON.parse(r.change_ids)))
      listed.push({ change_id: id, deployment_id: r.id });
  for (let i = 0; i < listed.length; i += 500)
    await knex('delivery_listed_changes').insert(listed.slice(i, i + 500));
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('delivery_listed_changes');
  await knex.schema.dropTable('delivery_ownership');
  await knex.schema.alterTable('delivery_judge_queue', table => {
    table.dropIndex([], 'delivery_judge_queue_entity_idx');
    table.dropColumn('claimed_by');
    table.dropColumn('claimed_until');
  });
};

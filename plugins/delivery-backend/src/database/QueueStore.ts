import { CLAIM_LOCK, StoreBase, chunks, num } from './rows';
/** The judging queue and its leases. */
export class QueueStore extends StoreBase {
  /**
   * Leases up to `limit` queued pairs to `holder` until `now + leaseMs`:
   * rows nobody holds (or whose lease ended: a drain that died) of entities
   * no other lease covers. The rows stay in the queue until `completeClaim`
   * deletes them, after their verdicts are stored; a backend killed while
   * judging leaves them to be taken again when the lease ends. Claims are
   * serialised (an advisory lock on PostgreSQL, the write lock on SQLite), so
   * two replicas never hold rows of the same entity.
   */
  async claimQueue(
    limit: number,
    holder = 'this',
    leaseMs = 120_000,
    now = Date.now(),
  ) {
    return this.db.transaction(async tx => {
      if (this.db.client.config.client === 'pg')
        await tx.raw('select pg_advisory_xact_lock(?)', [CLAIM_LOCK]);
      // Take SQLite's write lock now, so a second process claims after.
      else
        await tx('delivery_judge_queue')
          .where('id', -1)
          .update({ claimed_by: null });
      const busy = tx('delivery_judge_queue')
        .where('claimed_until', '>', now)
        .distinct('entity_ref');
      const rows = await tx('delivery_judge_queue')
        .where(q =>
          q.whereNull('claimed_until').orWhere('claimed_until', '<=', now),
        )
        .whereNotIn('entity_ref', busy)
        .orderBy('id')
        .limit(limit);
      const ids = rows.map(r => Number(r.id));
      for (const part of chunks(ids, 500))
        await tx('delivery_judge_queue')
          .whereIn('id', part)
          .update({ claimed_by: holder, claimed_until: now + leaseMs });
      return {
        ids,
        rows: rows.map(r => ({
          entityRef: String(r.entity_ref),
          at: Number(r.at),
          queuedAt: Number(r.queued_at),
        })),
      };
    });
  }

  /** Extends a claim's lease (a long claim, judged group after group). */
  async renewClaim(ids: number[], holder: string, until: number) {
    for (const part of chunks(ids, 500))
      await this.db('delivery_judge_queue')
        .whereIn('id', part)
        .andWhere('claimed_by', holder)
        .update({ claimed_until: until });
  }

  /** The claim was judged: its rows leave the queue. */
  async completeClaim(ids: number[], holder: string) {
    for (const part of chunks(ids, 500))
      await this.db('delivery_judge_queue')
        .whereIn('id', part)
        .andWhere('claimed_by', holder)
        .delete();
  }

  /** The claim could not be judged: its rows are free again. */
  async releaseClaim(ids: number[], holder: string) {
    for (const part of chunks(ids, 500))
      await this.db('delivery_judge_queue')
        .whereIn('id', part)
        .andWhere('claimed_by', holder)
        .update({ claimed_by: null, claimed_until: null });
  }

  /** When the earliest running lease on queued pairs ends (undefined: none). */
  async nextLeaseEnd(now = Date.now()) {
    // Leases still running: a lapsed one was either taken by the drain that
    // asked, or is held back by a running lease of the same entity.
    const [row] = await this.db('delivery_judge_queue')
      .where('claimed_until', '>', now)
      .min({ until: 'claimed_until' });
    return row?.until === null || row?.until === undefined
      ? undefined
      : Number(row.until);
  }

  /** Queues pairs to judge (again). */
  async requeue(
    rows: Array<{ entityRef: string; at: number; queuedAt: number }>,
  ) {
    for (const part of chunks(rows, 300))
      await this.db('delivery_judge_queue').insert(
        part.map(r => ({
          entity_ref: r.entityRef,
          at: r.at,
          queued_at: r.queuedAt,
        })),
      );
  }

  async queueDepth() {
    const [row] = await this.db('delivery_judge_queue').count({ n: '*' });
    return num(row.n);
  }
}

import { createHash, randomUUID } from 'node:crypto';
import {
  JudgeOptions,
  finishJudgement,
  foreignEntities,
  judgeAround,
  prepareJudgement,
} from './judge';
import { DAY, Part } from '../service/shared';

/** Whether one prepared judgement reaches into the other's entities. */
function overlap(
  a: Awaited<ReturnType<typeof prepareJudgement>>,
  b: Awaited<ReturnType<typeof prepareJudgement>>,
) {
  const ownA = new Set(a.bandList.map(x => x.entityRef));
  const ownB = new Set(b.bandList.map(x => x.entityRef));
  return (
    [...foreignEntities(a)].some(r => ownB.has(r)) ||
    [...foreignEntities(b)].some(r => ownA.has(r))
  );
}

/**
 * Judging the queue: one drain per backend instance leases queued
 * (entity, instant) pairs, judges them group by group (`judge.ts`) and only
 * then deletes them; pairs leased by a drain that died are taken again when
 * the lease ends. Also: judging everything again when the definitions in
 * config changed.
 */
export class Judging extends Part {
  /** This instance's name on the queue rows it leases. */
  private readonly holder = randomUUID();

  private draining?: Promise<void>;
  private drainAgain = false;

  /** Starts judging queued pairs in the background (one drain per instance). */
  kick() {
    if (this.draining) {
      this.drainAgain = true;
      return;
    }
    this.draining = (async () => {
      do {
        this.drainAgain = false;
        try {
          while (await this.drainOnce()) {
            // until the queue is empty
          }
          // Pairs leased by a drain that died (or another replica's, still
          // at work): try again when the lease ends.
          const leaseEnd = await this.store.queue.nextLeaseEnd();
          if (leaseEnd !== undefined) this.kickAt(leaseEnd);
        } catch (e: any) {
          this.logger.error(`Judging delivery events failed: ${e?.stack ?? e}`);
          break;
        }
      } while (this.drainAgain);
      this.draining = undefined;
    })();
  }

  private leaseTimer?: ReturnType<typeof setTimeout>;

  private kickAt(at: number) {
    if (this.leaseTimer) clearTimeout(this.leaseTimer);
    this.leaseTimer = setTimeout(() => {
      this.leaseTimer = undefined;
      this.kick();
    }, Math.max(50, at - Date.now() + 50));
    this.leaseTimer.unref?.();
  }

  /** Judges one claim of queued pairs; false when the queue was empty. */
  async drainOnce(limit = 5000) {
    const claim = await this.store.queue.claimQueue(
      limit,
      this.holder,
      this.ctx.leaseMs,
      Date.now(),
    );
    const rows = claim.rows;
    if (!rows.length) return false;
    const touched = new Map<string, { from: number; to: number }>();
    for (const r of rows) {
      const t = touched.get(r.entityRef);
      if (!t) touched.set(r.entityRef, { from: r.at, to: r.at });
      else {
        t.from = Math.min(t.from, r.at);
        t.to = Math.max(t.to, r.at);
      }
    }
    // Entities judged together when their ranges are alike (live events); a
    // backfill spanning months is judged per entity.
    const groups = new Map<string, string[]>();
    for (const [ref, r] of touched) {
      const key = `${Math.floor(r.from / (7 * DAY))}:${Math.floor(
        r.to / (7 * DAY),
      )}`;
      const list = groups.get(key);
      if (list) list.push(ref);
      else groups.set(key, [ref]);
    }
    const jobs: JudgeOptions[] = [];
    for (const refs of groups.values())
      for (let i = 0; i < refs.length; i += this.ctx.judgeGroupSize) {
        const part = refs.slice(i, i + this.ctx.judgeGroupSize);
        const group = new Set(part);
        jobs.push({
          store: this.store,
          definitions: this.definitions,
          horizonDays: this.ctx.horizonDays,
          entityRefs: part,
          from: Math.min(...part.map(r => touched.get(r)!.from)),
          to: Math.max(...part.map(r => touched.get(r)!.to)),
          touched: rows.filter(w => group.has(w.entityRef)),
        });
      }
    const again: Array<{ entityRef: string; at: number }> = [];
    try {
      // Behind (three groups or more queued): each group's context is read
      // while the group before it is decided and written, so both cores
      // work — the groups hold different entities; when one reaches into
      // the other's, it is read again after the write. Keeping up: one
      // after the other, leaving room for the requests.
      const overlapping = jobs.length >= 3;
      let next = jobs.length ? prepareJudgement(jobs[0]) : undefined;
      let renewed = Date.now();
      for (let k = 0; k < jobs.length; k++) {
        const current = await next!;
        const following =
          overlapping && k + 1 < jobs.length
            ? prepareJudgement(jobs[k + 1])
            : undefined;
        const [written, read] = await Promise.allSettled([
          finishJudgement(current),
          following,
        ]);
        if (written.status === 'rejected') throw written.reason;
        if (read.status === 'rejected') throw read.reason;
        again.push(...written.value.again);
        if (k + 1 < jobs.length)
          next =
            read.value && !overlap(current, read.value)
              ? Promise.resolve(read.value)
              : prepareJudgement(jobs[k + 1]);
        // A long claim keeps its lease while it is being judged.
        if (Date.now() - renewed > this.ctx.leaseMs / 3) {
          renewed = Date.now();
          await this.store.queue.renewClaim(
            claim.ids,
            this.holder,
            renewed + this.ctx.leaseMs,
          );
        }
      }
    } catch (e) {
      await this.store.queue.releaseClaim(claim.ids, this.holder);
      throw e;
    }
    // Verdicts stored: only now do the pairs leave the queue (killed before
    // this, they are judged again once the lease ends).
    if (again.length)
      await this.store.queue.requeue(
        again.map(a => ({ ...a, queuedAt: this.now() })),
      );
    await this.store.queue.completeClaim(claim.ids, this.holder);
    return true;
  }

  /**
   * Resolves once this instance has judged everything queued (reads call it,
   * bounded, so a caller sees the events it just sent).
   */
  async settled(timeoutMs = Infinity) {
    const deadline = Date.now() + timeoutMs;
    while (this.draining && Date.now() < deadline) {
      await Promise.race([
        this.draining,
        new Promise(r => setTimeout(r, Math.min(250, deadline - Date.now()))),
      ]);
    }
  }

  /** A fingerprint of the definitions the stored judgement was made with. */
  definitionsHash() {
    return createHash('sha256')
      .update(JSON.stringify([this.definitions, this.ctx.horizonDays]))
      .digest('hex')
      .slice(0, 16);
  }

  /** Re-judges everything when the definitions in config changed. */
  async rejudgeIfDefinitionsChanged() {
    const stored = await this.store.states.getState('ledger', 'definitions');
    const hash = this.definitionsHash();
    if (stored?.hash === hash) return false;
    const ranges = await this.store.entityRanges();
    if (ranges.length)
      this.logger.info(
        `Delivery definitions changed: judging the events of ${ranges.length} entities again`,
      );
    for (const r of ranges) {
      await judgeAround({
        store: this.store,
        definitions: this.definitions,
        horizonDays: this.ctx.horizonDays,
        entityRefs: [r.entityRef],
        from: Number(r.from),
        to: Number(r.to),
        allDays: true,
      });
    }
    await this.store.states.setState(
      'ledger',
      'definitions',
      { hash },
      this.now(),
    );
    return true;
  }
}

import { Knex } from 'knex';
import { weekOf } from '@teamflow/plugin-teamflow-common';
import { insertFromRows, withRows } from '@teamflow/plugin-teamflow-node';
import { AnalyticsMessage } from '../segment';
import { StatementName, countBatch } from './counting';
import { AnalyticsModel, EVENTS, dayOf } from './rows';
import { Learned, StoredUses } from './StoredUses';

/*
 * The ingest's transactions: one request's calls, or several waiting
 * requests' counted together (see IngestQueue).
 */

/** A request's calls, as the ingest route read them. */
export type IngestRequest = {
  source: string;
  messages: AnalyticsMessage[];
  model: AnalyticsModel;
  receivedAt: number;
};

export type IngestResult = { accepted: number; duplicates: number };

/**
 * Stores and counts the calls of `requests` in one transaction, so a crash
 * leaves them all counted or none stored (and a retry counts them). A call
 * is keyed by its source and messageId: of several copies, stored before or
 * in these requests, the first (in time order) counts. Each request is
 * answered for its own calls. The newest request's model matches them all.
 */
export async function countRequests(
  db: Knex,
  requests: IngestRequest[],
  stored: StoredUses,
  as: StatementName,
): Promise<IngestResult[]> {
  const model = requests[requests.length - 1].model;
  const receivedAt = Math.max(...requests.map(r => r.receivedAt));
  // `order`: the call's place among all, for ties in time.
  type Call = {
    m: AnalyticsMessage;
    request: number;
    key: string;
    order: number;
  };
  const calls: Call[] = [];
  for (const [request, r] of requests.entries())
    for (const m of r.messages)
      calls.push({
        m,
        request,
        key: `${r.source}\u0000${m.messageId}`,
        order: calls.length,
      });
  // Identify before the events that follow it, whatever the order.
  calls.sort((a, b) => a.m.timestamp - b.m.timestamp || a.order - b.order);
  const unique = new Map<string, Call>();
  for (const c of calls) if (!unique.has(c.key)) unique.set(c.key, c);
  const firsts = [...unique.values()];
  const learned: Learned = { firstDays: [], weeks: [] };
  const fresh = await db.transaction(async tx => {
    const inserted = await withRows<{ source: string; message_id: string }>(
      tx,
      firsts.map(({ m, request }) => ({
        source: requests[request].source,
        message_id: m.messageId,
        type: m.type,
        user_hash: m.userHash,
        event: m.event ?? null,
        timestamp: m.timestamp,
        received_at: requests[request].receivedAt,
        // A track event no Feature declares yet waits to be counted.
        matched: !(
          m.type === 'track' &&
          m.event &&
          model.match(m.event).length === 0
        ),
      })),
      EVENTS,
      `${insertFromRows(EVENTS)}
       on conflict (source, message_id) do nothing
       returning source, message_id`,
      [],
      as('events'),
    );
    const added = new Set(
      inserted.map(r => `${r.source}\u0000${r.message_id}`),
    );
    const waiting = await countBatch(
      tx,
      firsts
        .filter(c => added.has(c.key))
        .map(c => ({ ...c.m, messageId: c.key })),
      model,
      stored,
      learned,
      as,
      weekOf(dayOf(receivedAt)),
    );
    // The persona each waiting event's user has now, to count it with later.
    await withRows(
      tx,
      waiting.map(w => {
        const { m, request } = unique.get(w.messageId)!;
        return {
          source: requests[request].source,
          message_id: m.messageId,
          persona: w.persona,
        };
      }),
      {
        table: 'analytics_events',
        columns: ['source', 'message_id', 'persona'],
      },
      `update analytics_events set persona = v.persona from v
       where analytics_events.source = v.source
         and analytics_events.message_id = v.message_id`,
      [],
      as('waiting'),
    );
    return added;
  });
  stored.remember(learned);
  const results = requests.map(r => ({
    accepted: 0,
    duplicates: r.messages.length,
  }));
  for (const c of firsts)
    if (fresh.has(c.key)) {
      results[c.request].accepted += 1;
      results[c.request].duplicates -= 1;
    }
  return results;
}

/** Requests counted at once (each its own transaction), at most. */
const SLOTS = 4;
/** Calls one transaction takes from the requests waiting (one request at least). */
const MERGED_CALLS = 2_000;

/**
 * Requests waiting for a transaction. Up to `SLOTS` are counted at once, each
 * alone while there is room; the requests arriving meanwhile wait and are
 * counted together in the next free slot, up to `MERGED_CALLS` calls. A
 * browser or a server library sends a few calls a request (Segment's
 * analytics-node 15), and a transaction's statements cost about the same for
 * 20 calls as for 500: many small requests at once become a few larger
 * transactions, with no wait when the ingest is idle. If a shared
 * transaction fails, its requests are counted again one by one, so one
 * request's failure is answered to that request alone.
 */
export class IngestQueue {
  private readonly waiting: Array<{
    request: IngestRequest;
    done: (result: IngestResult) => void;
    failed: (error: unknown) => void;
  }> = [];
  private running = 0;

  constructor(
    private readonly count: (
      requests: IngestRequest[],
    ) => Promise<IngestResult[]>,
  ) {}

  add(request: IngestRequest): Promise<IngestResult> {
    return new Promise((done, failed) => {
      this.waiting.push({ request, done, failed });
      this.next();
    });
  }

  private next() {
    while (this.running < SLOTS && this.waiting.length) {
      const group = [this.waiting.shift()!];
      let calls = group[0].request.messages.length;
      while (
        this.waiting.length &&
        calls + this.waiting[0].request.messages.length <= MERGED_CALLS
      ) {
        calls += this.waiting[0].request.messages.length;
        group.push(this.waiting.shift()!);
      }
      this.running += 1;
      void this.run(group).finally(() => {
        this.running -= 1;
        this.next();
      });
    }
  }

  private async run(group: typeof this.waiting) {
    try {
      const results = await this.count(group.map(g => g.request));
      group.forEach((g, i) => g.done(results[i]));
    } catch (error) {
      if (group.length === 1) {
        group[0].failed(error);
        return;
      }
      for (const g of group)
        await this.count([g.request]).then(([r]) => g.done(r), g.failed);
    }
  }
}

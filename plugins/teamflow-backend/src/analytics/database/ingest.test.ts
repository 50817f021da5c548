import { AnalyticsModel } from './rows';
import { IngestQueue, IngestRequest, IngestResult } from './ingest';

/*
 * The queue alone: which requests share a transaction, and who is told of
 * a failure. (What a shared transaction counts is tested through the HTTP
 * API on SQLite and PostgreSQL, in ../analytics.test.ts.)
 */

const request = (calls: number, source = 'web'): IngestRequest => ({
  source,
  messages: Array.from({ length: calls }, (_, i) => ({
    index: i,
    type: 'track' as const,
    messageId: `m-${i}`,
    userHash: 'u',
    timestamp: 0,
  })),
  model: {} as AnalyticsModel,
  receivedAt: 0,
});

/** A transaction per group, each finishing when the test says so. */
function transactions(fail?: (group: IngestRequest[]) => boolean) {
  const groups: IngestRequest[][] = [];
  const finish: Array<() => void> = [];
  const count = (group: IngestRequest[]) => {
    groups.push(group);
    return new Promise<IngestResult[]>((resolve, reject) =>
      finish.push(() =>
        fail?.(group)
          ? reject(new Error(`failed ${group.length}`))
          : resolve(
              group.map(r => ({ accepted: r.messages.length, duplicates: 0 })),
            ),
      ),
    );
  };
  return { count, groups, finish };
}

const tick = () => new Promise(resolve => setImmediate(resolve));

describe('IngestQueue', () => {
  it('counts requests alone while there is room, and those waiting meanwhile together', async () => {
    const t = transactions();
    const queue = new IngestQueue(t.count);
    const answers = [20, 20, 20, 20, 20, 500, 20].map(n =>
      queue.add(request(n)),
    );
    // Four at once, each alone; the other three wait.
    expect(t.groups.map(g => g.length)).toEqual([1, 1, 1, 1]);
    t.finish[0]();
    await tick();
    // A slot free: the three waiting go in one transaction.
    expect(t.groups.map(g => g.length)).toEqual([1, 1, 1, 1, 3]);
    t.finish.forEach(f => f());
    // Each request is answered for its own calls.
    expect(await Promise.all(answers)).toEqual(
      [20, 20, 20, 20, 20, 500, 20].map(n => ({
        accepted: n,
        duplicates: 0,
      })),
    );
  });

  it('takes at most 2,000 calls into one transaction, one request at least', async () => {
    const t = transactions();
    const queue = new IngestQueue(t.count);
    for (let i = 0; i < 4; i++) void queue.add(request(1));
    const waiting = [1500, 400, 200, 2500].map(n => queue.add(request(n)));
    t.finish[0]();
    await tick();
    t.finish[4]();
    await tick();
    t.finish[5]();
    await tick();
    // 1,500 + 400; then 200 (2,500 more would pass 2,000); then 2,500 alone.
    expect(t.groups.slice(4).map(g => g.map(r => r.messages.length))).toEqual([
      [1500, 400],
      [200],
      [2500],
    ]);
    t.finish.forEach(f => f());
    await Promise.all(waiting);
  });

  it('counts the requests of a failed shared transaction again one by one, and tells only the failing one', async () => {
    // The shared transaction fails; counted alone, only the request from
    // source "bad" fails.
    const t = transactions(
      group => group.length > 1 || group[0].source === 'bad',
    );
    const queue = new IngestQueue(t.count);
    for (let i = 0; i < 4; i++) void queue.add(request(1));
    const good = queue.add(request(2));
    // Its outcome read at once (a rejection nobody handles yet fails a test).
    const bad = queue.add(request(3, 'bad')).then(
      () => 'answered',
      (e: Error) => e.message,
    );
    const alsoGood = queue.add(request(4));
    t.finish[0]();
    await tick();
    expect(t.groups[4].length).toBe(3);
    t.finish[4]();
    for (let i = 5; i < 8; i++) {
      await tick();
      t.finish[i]();
    }
    await expect(good).resolves.toEqual({ accepted: 2, duplicates: 0 });
    expect(await bad).toBe('failed 1');
    await expect(alsoGood).resolves.toEqual({ accepted: 4, duplicates: 0 });
    expect(t.groups.slice(5).map(g => g[0].source)).toEqual([
      'web',
      'bad',
      'web',
    ]);
    t.finish.forEach(f => f());
  });
});

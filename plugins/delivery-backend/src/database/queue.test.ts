import { TestDatabases, mockServices } from '@backstage/backend-test-utils';
import { DeliveryStore } from './DeliveryStore';

/*
 * The judging queue's leases: a claim holds its rows until completed, a
 * claim that ends without completing (a killed backend) is taken again once
 * its lease ends, and no two holders ever hold rows of one entity.
 */

const databases = TestDatabases.create();

describe.each(databases.eachSupportedId())('the judging queue on %s', id => {
  async function create() {
    const knex = await databases.init(id);
    return DeliveryStore.create({
      database: mockServices.database({ knex }),
    });
  }
  const pair = (entityRef: string, at: number) => ({
    entityRef,
    at,
    queuedAt: at,
  });

  it('leases rows until completed and gives them out again when a lease ends', async () => {
    const store = await create();
    await store.queue.requeue([
      pair('component:default/a', 1),
      pair('component:default/b', 2),
    ]);
    const first = await store.queue.claimQueue(10, 'one', 1000, 10_000);
    expect(first.rows.map(r => r.entityRef).sort()).toEqual([
      'component:default/a',
      'component:default/b',
    ]);
    // Held: nobody else gets them while the lease runs.
    expect(
      (await store.queue.claimQueue(10, 'two', 1000, 10_500)).rows,
    ).toEqual([]);
    expect(await store.queue.queueDepth()).toBe(2);
    // The earliest running lease ends at 11 000; none runs after it.
    expect(await store.queue.nextLeaseEnd(10_500)).toBe(11_000);
    expect(await store.queue.nextLeaseEnd(11_000)).toBeUndefined();
    // 'one' died: after its lease, 'two' takes the rows.
    const again = await store.queue.claimQueue(10, 'two', 1000, 11_001);
    expect(again.rows).toHaveLength(2);
    // The dead holder's late completion removes nothing it no longer holds.
    await store.queue.completeClaim(first.ids, 'one');
    expect(await store.queue.queueDepth()).toBe(2);
    await store.queue.completeClaim(again.ids, 'two');
    expect(await store.queue.queueDepth()).toBe(0);
  });

  it('never gives two holders rows of the same entity', async () => {
    const store = await create();
    await store.queue.requeue([pair('component:default/a', 1)]);
    const one = await store.queue.claimQueue(10, 'one', 60_000, 1000);
    expect(one.rows).toHaveLength(1);
    // New events for a (held) and b (free) arrive while 'one' judges a.
    await store.queue.requeue([
      pair('component:default/a', 5),
      pair('component:default/b', 6),
    ]);
    const two = await store.queue.claimQueue(10, 'two', 60_000, 2000);
    expect(two.rows.map(r => r.entityRef)).toEqual(['component:default/b']);
    // Once 'one' is done, a's new pair is free.
    await store.queue.completeClaim(one.ids, 'one');
    const three = await store.queue.claimQueue(10, 'three', 60_000, 3000);
    expect(three.rows.map(r => [r.entityRef, r.at])).toEqual([
      ['component:default/a', 5],
    ]);
  });

  it('frees a claim that failed', async () => {
    const store = await create();
    await store.queue.requeue([pair('component:default/a', 1)]);
    const one = await store.queue.claimQueue(10, 'one', 60_000, 1000);
    await store.queue.releaseClaim(one.ids, 'one');
    expect(
      (await store.queue.claimQueue(10, 'two', 60_000, 1001)).rows,
    ).toHaveLength(1);
  });
});

import { TestDatabases, mockServices } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { Entity } from '@backstage/catalog-model';
import { SourcedEvent } from '@teamflow/plugin-delivery-node';
import { DeliveryStore } from '../database/DeliveryStore';
import { DeliveryService } from './DeliveryService';

/*
 * Explicit links win whatever the arrival order and however far apart in
 * time: a deployment listing a change merged long before (further than
 * `horizonDays`) ships it, whether the change is filed before or after the
 * deployment, and the deployment that had it by time gives it back (its day
 * row redone: one lead time per change, never two).
 */

jest.setTimeout(120_000);
const databases = TestDatabases.create();

const entities: Entity[] = [
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name: 'checkout-service', namespace: 'default' },
    spec: { type: 'service', lifecycle: 'production', owner: 'checkout' },
    relations: [{ type: 'ownedBy', targetRef: 'group:default/checkout' }],
  },
];
const svc = { entityRef: 'component:default/checkout-service' };
const at = (s: string) => Date.parse(`2026-${s}:00Z`);
const ev = (event: SourcedEvent['event']): SourcedEvent => ({
  source: 'test',
  event,
});
const change = (id: string, merged: string) =>
  ev({ kind: 'change', id, entity: svc, mergedAt: at(merged), labels: [] });
const deploy = (id: string, finished: string, changeIds?: string[]) =>
  ev({
    kind: 'deployment',
    id,
    entity: svc,
    environment: 'production',
    finishedAt: at(finished),
    status: 'success',
    rollback: false,
    changeIds,
  });

/** Days on which the component shipped changes: day, deployments with changes, lead times. */
async function shippedDays(store: DeliveryStore) {
  const days = await store.reads.entityDays({
    entityRefs: [svc.entityRef],
    environment: 'production',
    fromDay: '2026-01-01',
    toDay: '2027-01-01',
  });
  return days
    .filter(d => d.leadTimes?.length || d.withChanges)
    .map(d => [d.day, d.withChanges, d.leadTimes]);
}

function permutations<T>(list: T[]): T[][] {
  if (list.length <= 1) return [list];
  return list.flatMap((x, i) =>
    permutations([...list.slice(0, i), ...list.slice(i + 1)]).map(p => [
      x,
      ...p,
    ]),
  );
}

describe.each(databases.eachSupportedId())('arrival order on %s', id => {
  async function create() {
    const knex = await databases.init(id);
    const store = await DeliveryStore.create({
      database: mockServices.database({ knex }),
    });
    const service = DeliveryService.create({
      store,
      catalog: catalogServiceMock({ entities }),
      auth: mockServices.auth(),
      permissions: mockServices.permissions(),
      logger: mockServices.logger.mock(),
      definitions: {
        environment: 'production',
        leadTimeStart: 'first-commit',
        failureWindowHours: 24,
        minimumSample: 1,
      },
      horizonDays: 30,
      now: () => at('11-30T12:00'),
    });
    return { service, store };
  }

  // c1 merged 1 Sep; d0 on 5 Sep would ship it by time, but d1 on 15 Oct —
  // 44 days later, beyond the 30-day horizon — lists it: d1 ships it,
  // lead time 44 × 24 = 1056 h; d0 and d2 ship nothing.
  const events = {
    c1: change('c1', '09-01T10:00'),
    d0: deploy('d0', '09-05T10:00'),
    d1: deploy('d1', '10-15T10:00', ['c1']),
    d2: deploy('d2', '10-20T10:00'),
  };

  it.each(permutations(Object.keys(events) as Array<keyof typeof events>))(
    'ships a listed change by the list in the order %s, %s, %s, %s',
    async (...order) => {
      const { service, store } = await create();
      for (const name of order) {
        expect(await service.ingest([events[name]])).toMatchObject({
          accepted: 1,
        });
        await service.settled();
      }
      expect(await shippedDays(store)).toEqual([['2026-10-15', 1, [1056]]]);
      const deployments = await store.existingDeployments(['d0', 'd1', 'd2']);
      expect(
        ['d0', 'd1', 'd2'].map(d => [d, deployments.get(d)!.changes]),
      ).toEqual([
        ['d0', 0],
        ['d1', 1],
        ['d2', 0],
      ]);
    },
  );

  it('gives a change back to time when the list that took it drops it', async () => {
    const { service, store } = await create();
    for (const e of [events.c1, events.d0, events.d1, events.d2]) {
      await service.ingest([e]);
      await service.settled();
    }
    // d1 re-reported without its list: c1 goes back to d0 (4 days: 96 h).
    await service.ingest([deploy('d1', '10-15T10:00')]);
    await service.settled();
    expect(await shippedDays(store)).toEqual([['2026-09-05', 1, [96]]]);
  });
});

import { TestDatabases, mockServices } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { Entity } from '@backstage/catalog-model';
import { SourcedEvent } from '@teamflow/plugin-delivery-node';
import { DeliveryStore } from '../database/DeliveryStore';
import { DeliveryService } from './DeliveryService';

/*
 * Team numbers follow the owner at the event's own time: a backfill after a
 * reorganisation gives the old team its history, a late update (an incident
 * resolved after the move) stays with the team that had it, and a move an
 * admin declares for the time before Teamflow watched re-attributes what
 * lies after it.
 */

jest.setTimeout(120_000);
const databases = TestDatabases.create();

const DAY = 86_400_000;
const at = (s: string) => Date.parse(`2026-${s}:00Z`);
const svc = { entityRef: 'component:default/payments-service' };
const group = (name: string): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Group',
  metadata: { name, namespace: 'default' },
  spec: { type: 'team', children: [] },
  relations: [],
});
const catalogWith = (owner: string) =>
  catalogServiceMock({
    entities: [
      {
        apiVersion: 'backstage.io/v1alpha1',
        kind: 'Component',
        metadata: { name: 'payments-service', namespace: 'default' },
        spec: { type: 'service', lifecycle: 'production', owner },
        relations: [{ type: 'ownedBy', targetRef: `group:default/${owner}` }],
      },
      group('checkout'),
      group('payments'),
      group('platform'),
    ],
  });
const ev = (event: SourcedEvent['event']): SourcedEvent => ({
  source: 'test',
  event,
});
const deploy = (id: string, finishedAt: number) =>
  ev({
    kind: 'deployment',
    id,
    entity: svc,
    environment: 'production',
    finishedAt,
    status: 'success',
    rollback: false,
  });

describe.each(databases.eachSupportedId())('ownership over time on %s', id => {
  async function create() {
    const knex = await databases.init(id);
    const store = await DeliveryStore.create({
      database: mockServices.database({ knex }),
    });
    // The catalog as it is now (the test moves the component).
    let catalog = catalogWith('checkout');
    const current: CatalogService = {
      getEntities: (...a) => catalog.getEntities(...a),
      getEntitiesByRefs: (...a) => catalog.getEntitiesByRefs(...a),
      getEntityByRef: (...a) => catalog.getEntityByRef(...a),
      queryEntities: (...a) => catalog.queryEntities(...a),
    } as CatalogService;
    let now = at('06-01T12:00');
    const service = DeliveryService.create({
      store,
      catalog: current,
      auth: mockServices.auth(),
      permissions: mockServices.permissions(),
      logger: mockServices.logger.mock(),
      definitions: {
        environment: 'production',
        leadTimeStart: 'first-commit',
        failureWindowHours: 24,
        minimumSample: 1,
      },
      now: () => now,
    });
    return {
      service,
      store,
      moveTo: (owner: string) => {
        catalog = catalogWith(owner);
      },
      setNow: (t: number) => {
        now = t;
      },
    };
  }
  const credentials = mockServices.auth().getOwnServiceCredentials();
  const deploymentsOf = async (service: DeliveryService, team: string) =>
    (
      await service.summary(await credentials, {
        teamRef: `group:default/${team}`,
        window: {
          from: '2026-01-01T00:00:00.000Z',
          to: '2026-12-01T00:00:00.000Z',
        },
      })
    ).summary.coverage.deployments;

  it('gives a backfill after a reorganisation to the team owning each event at its time', async () => {
    const { service, moveTo, setNow } = await create();
    // Checkout owns payments-service while Teamflow watches (1 June) …
    await service.observeOwnership();
    // … then Payments takes it over (1 July).
    moveTo('payments');
    setNow(at('07-01T12:00'));
    await service.observeOwnership();
    // A year's backfill arrives afterwards: 25 deployments before the move,
    // 5 after it.
    setNow(at('08-01T12:00'));
    const before = Array.from({ length: 25 }, (_, i) =>
      deploy(`old-${i}`, at('01-05T10:00') + i * 6 * DAY),
    );
    const after = Array.from({ length: 5 }, (_, i) =>
      deploy(`new-${i}`, at('07-02T10:00') + i * DAY),
    );
    await service.ingest([...before, ...after]);
    await service.settled();
    expect(await deploymentsOf(service, 'checkout')).toBe(25);
    expect(await deploymentsOf(service, 'payments')).toBe(5);
    // The organisation lists every team: Platform sent nothing.
    const org = await service.organisation({
      window: {
        from: '2026-01-01T00:00:00.000Z',
        to: '2026-12-01T00:00:00.000Z',
      },
    });
    expect(
      org.teams.map(t => [t.teamRef, t.summary.coverage.deployments]),
    ).toEqual([
      ['group:default/checkout', 25],
      ['group:default/payments', 5],
    ]);
    expect(org.teamsWithoutEvents).toEqual(['group:default/platform']);
  });

  it('keeps a late update with the team that had the event', async () => {
    const { service, store, moveTo, setNow } = await create();
    await service.observeOwnership();
    const incident = {
      kind: 'incident' as const,
      id: 'inc-1',
      entity: svc,
      environment: 'production',
      startedAt: at('06-01T13:00'),
    };
    setNow(at('06-01T14:00'));
    await service.ingest([ev(incident)]);
    // The component moves; the incident is resolved afterwards.
    moveTo('payments');
    setNow(at('06-03T12:00'));
    await service.ingest([ev({ ...incident, resolvedAt: at('06-03T11:00') })]);
    await service.settled();
    const stored = await store.existingIncidents(['inc-1']);
    expect(stored.get('inc-1')!.teamRef).toBe('group:default/checkout');
  });

  it('re-attributes the events after a declared earlier move, and lists the timeline', async () => {
    const { service, setNow } = await create();
    setNow(at('08-01T12:00'));
    // Teamflow first sees the component under Checkout on 1 August, after a
    // backfill of 10 deployments from January on.
    await service.ingest(
      Array.from({ length: 10 }, (_, i) =>
        deploy(`d-${i}`, at('01-05T10:00') + i * 14 * DAY),
      ),
    );
    await service.settled();
    expect(await deploymentsOf(service, 'checkout')).toBe(10);
    // An admin records that Platform owned it until 1 April (5 Jan … 30 Mar:
    // deployments 0–6), Checkout since.
    const admin = await credentials;
    const since = await service.declareOwnership(admin, {
      entityRef: svc.entityRef,
      teamRef: 'group:default/platform',
      from: undefined,
    });
    // Platform before anything else: all 10 move to it …
    expect(since.reattributed).toBe(10);
    // … until 1 April: the 3 after it go back to Checkout.
    const april = await service.declareOwnership(admin, {
      entityRef: svc.entityRef,
      teamRef: 'group:default/checkout',
      from: '2026-04-01',
    });
    expect(april.reattributed).toBe(3);
    await service.settled();
    expect(await deploymentsOf(service, 'platform')).toBe(7);
    expect(await deploymentsOf(service, 'checkout')).toBe(3);
    const timeline = await service.ownershipTimeline(admin, svc.entityRef);
    expect(
      timeline.map(e => [new Date(e.from).toISOString(), e.teamRef, e.source]),
    ).toEqual([
      ['1970-01-01T00:00:00.000Z', 'group:default/platform', 'declared'],
      ['2026-04-01T00:00:00.000Z', 'group:default/checkout', 'declared'],
      ['2026-08-01T12:00:00.000Z', 'group:default/checkout', 'observed'],
    ]);
  });
});

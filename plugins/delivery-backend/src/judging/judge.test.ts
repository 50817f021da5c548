import {
  TestDatabases,
  mockCredentials,
  mockServices,
} from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { Entity } from '@backstage/catalog-model';
import { FlowDefinitions } from '@teamflow/plugin-delivery-common';
import { DeliveryStore } from '../database/DeliveryStore';
import { DeliveryService } from '../service/DeliveryService';
import {
  START,
  expectLedgerOfWholeHistory,
  expectOrganisationOfWholeHistory,
  history,
} from '../testing/history';

/*
 * Judging is incremental: each batch re-judges only what the new events can
 * change. Whatever the order and batching, the ledger must end where judging
 * every event at once ends. Random histories (seeded, so a failure can be
 * replayed) with every kind of long-range effect — rollbacks, reverts of
 * changes shipped days before, explicit change lists (some listing another
 * component's changes) and incident links, incidents resolved later,
 * deployments whose status changes, a staging environment — are filed in
 * random order and batches; the stored day rows and verdicts are then
 * compared with `attributeFlow` + `rollupDays` over the complete history.
 * Odd seeds judge one entity per group, so one group's context is read while
 * the previous group is written. Halfway through the ingest an admin declares
 * an earlier owner for one component; the organisation's team rows must then
 * follow the owner at each event's time.
 */

jest.setTimeout(120_000);
const databases = TestDatabases.create();

const DAY = 86_400_000;
const HORIZON_DAYS = 60;
const COMPONENTS = ['alpha', 'beta', 'gamma'];

const entities: Entity[] = [
  ...COMPONENTS.map(
    (name, i): Entity => ({
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Component',
      metadata: { name, namespace: 'default' },
      spec: {
        type: 'service',
        lifecycle: 'production',
        owner: `team-${i % 2}`,
      },
      relations: [
        { type: 'ownedBy', targetRef: `group:default/team-${i % 2}` },
      ],
    }),
  ),
  ...[0, 1].map(
    (i): Entity => ({
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Group',
      metadata: { name: `team-${i}`, namespace: 'default' },
      spec: { type: 'team', children: [] },
      relations: [],
    }),
  ),
];

const definitions: FlowDefinitions = {
  environment: 'production',
  leadTimeStart: 'first-commit',
  failureWindowHours: 12,
  minimumSample: 1,
};

describe.each(databases.eachSupportedId())('incremental judging on %s', id => {
  async function create(judgeGroupSize?: number) {
    const knex = await databases.init(id);
    const store = await DeliveryStore.create({
      database: mockServices.database({ knex }),
    });
    const options = {
      store,
      catalog: catalogServiceMock({ entities }),
      auth: mockServices.auth(),
      permissions: mockServices.permissions(),
      logger: mockServices.logger.mock(),
      definitions,
      // Every effect in these 45-day histories lies within the horizon.
      horizonDays: HORIZON_DAYS,
      judgeGroupSize,
      now: () => START + 200 * DAY,
    };
    const service = DeliveryService.create(options);
    // The same ledger read by a backend keeping no organisation answers.
    const keepsNothing = DeliveryService.create({
      ...options,
      organisationCache: false,
    });
    return { service, store, keepsNothing };
  }

  it.each(
    Array.from({ length: 20 }, (_, i) => [
      i + 1,
      i < 16
        ? { days: 45 }
        : // Lists reaching further back than the horizon (60 days).
          { days: 130, farListDays: 65 },
    ]),
  )(
    'ends where judging the whole history at once ends (seed %i, %j)',
    async (seed, shape: { days: number; farListDays?: number }) => {
      // Odd seeds judge one entity per group, so groups overlap in time.
      const { service, store, keepsNothing } = await create(
        seed % 2 ? 1 : undefined,
      );
      // The organisation page's team rows: a window from a Saturday to a
      // Wednesday, so it has whole weeks and partial ones at both ends.
      const window = {
        from: new Date(START + 2 * DAY).toISOString(),
        to: new Date(START + (shape.days - 4) * DAY).toISOString(),
      };
      // Every day up to the service's today (a window it reads ahead).
      const upToToday = {
        from: new Date(START).toISOString(),
        to: new Date(START + 201 * DAY).toISOString(),
      };
      const { final, batches } = history(
        seed,
        shape.days,
        COMPONENTS,
        undefined,
        {
          farListDays: shape.farListDays,
        },
      );
      // The far-list histories do hold lists reaching past the horizon.
      const reach = final.deployments.flatMap(d =>
        (d.changeIds ?? []).map(
          changeId =>
            Date.parse(d.finishedAt) -
            Date.parse(final.changes.find(c => c.id === changeId)!.mergedAt),
        ),
      );
      expect(Math.max(0, ...reach) > HORIZON_DAYS * DAY).toBe(
        shape.farListDays !== undefined,
      );
      // Halfway through, an admin declares that gamma belonged to team-1
      // until day 20 (team-0, its owner in the catalog, since): its events
      // before then move to team-1, those arriving later go there directly.
      const moveDay = new Date(START + 20 * DAY).toISOString().slice(0, 10);
      const composed: unknown[] = [];
      const readWhole: unknown[] = [];
      for (const [i, batch] of batches.entries()) {
        if (i === Math.floor(batches.length / 2)) {
          const admin = mockCredentials.user('user:default/admin');
          await service.declareOwnership(admin, {
            entityRef: 'component:default/gamma',
            teamRef: 'group:default/team-1',
          });
          await service.declareOwnership(admin, {
            entityRef: 'component:default/gamma',
            teamRef: 'group:default/team-0',
            from: moveDay,
          });
        }
        const result = await service.ingest(
          batch.map(event => ({ source: 'test', event })),
        );
        expect(result.rejected).toEqual([]);
        // Judging sometimes keeps up, sometimes lags several batches; the
        // organisation answer is asked on the way (and kept in between).
        if (batch.length % 3 === 0) {
          await service.settled();
          // A window not asked before, inside the weeks of the one read
          // ahead: composed from it once that is read by week, with the
          // teams judged since it was last brought up to date read again.
          const fresh = {
            from: new Date(START + (2 + (i % 9)) * DAY).toISOString(),
            to: new Date(START + (shape.days - (i % 5)) * DAY).toISOString(),
          };
          composed.push(await service.organisation({ window: fresh }));
          readWhole.push(await keepsNothing.organisation({ window: fresh }));
          await service.organisation({ window });
          await service.organisation({ window: upToToday });
        }
        // The backend's minute task: windows ending today summed ahead
        // (read by week), then moved by the teams judged since.
        if (i % 4 === 1) await service.readAhead();
      }
      await service.settled();
      expect(composed.length).toBeGreaterThan(0);
      expect(composed).toEqual(readWhole);

      await expectLedgerOfWholeHistory(store, final, definitions, COMPONENTS);
      // What was kept and read again for the teams judged since is what
      // reading every team now answers, the organisation's weeks included.
      for (const asked of [window, upToToday])
        expect(await service.organisation({ window: asked })).toEqual(
          await keepsNothing.organisation({ window: asked }),
        );
      await expectOrganisationOfWholeHistory(
        service,
        final,
        definitions,
        (entityRef, day) =>
          entityRef === 'component:default/gamma'
            ? `group:default/team-${day < moveDay ? 1 : 0}`
            : `group:default/team-${
                COMPONENTS.indexOf(entityRef.split('/')[1]) % 2
              }`,
        window,
      );
    },
  );
});

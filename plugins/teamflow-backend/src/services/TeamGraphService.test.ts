import { mockServices } from '@backstage/backend-test-utils';
import { mockCredentials } from '@backstage/backend-test-utils';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { Entity } from '@backstage/catalog-model';
import { TeamGraphService } from './TeamGraphService';

const checkout: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Group',
  metadata: { name: 'checkout', namespace: 'default' },
  spec: { type: 'team', children: [] },
};

describe('TeamGraphService', () => {
  afterEach(() => jest.useRealTimers());

  it('rebuilds for a team that arrived after the snapshot, at most every 5 seconds', async () => {
    jest.useFakeTimers({
      now: new Date('2026-11-21T12:00:00Z'),
      doNotFake: ['nextTick', 'setImmediate'],
    });
    let items: Entity[] = [];
    const getEntities = jest.fn(async () => ({ items }));
    const service = TeamGraphService.create({
      catalog: { getEntities } as unknown as CatalogService,
      auth: mockServices.auth(),
      permissions: mockServices.permissions(),
      logger: mockServices.logger.mock(),
    });
    const credentials = mockCredentials.user();
    const team = { teamRef: 'group:default/checkout' };

    expect((await service.getSnapshot(credentials, team)).graph.nodes).toEqual(
      [],
    );
    items = [checkout]; // the catalog has now processed the team

    // A build reads the catalog twice: the organisation model (groups and owned
    // kinds) and the rest (domains, interactions, personas).
    // Within 5 seconds of the last build: served from the snapshot, no rebuild.
    jest.setSystemTime(new Date('2026-11-21T12:00:04Z'));
    expect((await service.getSnapshot(credentials, team)).graph.nodes).toEqual(
      [],
    );
    expect(getEntities).toHaveBeenCalledTimes(2);

    // Later: the unknown team triggers one rebuild.
    jest.setSystemTime(new Date('2026-11-21T12:00:06Z'));
    const snapshot = await service.getSnapshot(credentials, team);
    expect(snapshot.graph.nodes.map(n => n.ref)).toEqual([
      'group:default/checkout',
    ]);
    expect(getEntities).toHaveBeenCalledTimes(4);

    // Requests that do not name a team never rebuild.
    jest.setSystemTime(new Date('2026-11-21T12:01:00Z'));
    await service.getSnapshot(credentials);
    expect(getEntities).toHaveBeenCalledTimes(4);
  });
});

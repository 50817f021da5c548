import {
  SchedulerService,
  ServiceFactory,
} from '@backstage/backend-plugin-api';
import {
  Entity,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import searchPlugin from '@backstage/plugin-search-backend';
import searchModuleCatalogCollator from '@backstage/plugin-search-backend-module-catalog';
import request from 'supertest';
import { searchModuleTeamflow } from './module';

const ns = { namespace: 'default' };
const entities: Entity[] = [
  ...[
    {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Group',
      metadata: {
        ...ns,
        name: 'checkout',
        title: 'Checkout',
        description:
          'A basket-to-paid-order flow that never loses a customer: basket, delivery slots, checkout and payment.',
        labels: { 'teamflow.io/team-type': 'stream-aligned' },
        annotations: { 'teamflow.io/value-stream': 'shopping' },
      },
      spec: {
        type: 'team',
        profile: { displayName: 'Checkout' },
        children: [],
      },
    },
    {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Group',
      metadata: { ...ns, name: 'order-flow', title: 'Order Flow' },
      spec: { type: 'team', children: [] },
    },
    {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'User',
      metadata: { ...ns, name: 'maya.okafor' },
      spec: {
        profile: { displayName: 'Maya Okafor', email: 'maya@example.com' },
        memberOf: ['checkout'],
      },
    },
    {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'System',
      metadata: {
        ...ns,
        name: 'checkout',
        title: 'Checkout',
        description: 'Basket, delivery slots and the checkout flow.',
      },
      spec: { owner: 'checkout' },
    },
    {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Domain',
      metadata: {
        ...ns,
        name: 'checkout-payments',
        title: 'Checkout & Payments',
        description: 'Baskets, delivery slots, checkout and payment capture.',
      },
      spec: { owner: 'group:default/checkout' },
    },
    ...[
      ['checkout-service', 'Orchestrates the checkout flow.', 'checkout'],
      ['checkout-web', 'Checkout pages of the web shop.', 'checkout'],
      ['order-service', 'Order lifecycle state machine.', 'order-flow'],
      ['pricing-service', 'Prices.', 'user:maya.okafor'],
    ].map(([name, description, owner]) => ({
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Component',
      metadata: { ...ns, name, description },
      spec: { type: 'service', lifecycle: 'production', owner },
    })),
  ].map(entity => {
    // The ownedBy relation the catalog resolves from spec.owner.
    const owner = (entity.spec as { owner?: string }).owner;
    if (!owner) return entity;
    const targetRef = stringifyEntityRef(
      parseEntityRef(owner, {
        defaultKind: 'group',
        defaultNamespace: 'default',
      }),
    );
    return { ...entity, relations: [{ type: 'ownedBy', targetRef }] };
  }),
];

type Result = {
  document: { title: string; kind: string; text: string; owner: string };
};

async function searchBackend(withTeamflow: boolean) {
  // The mock scheduler's own type (not exported) can be told not to run
  // tasks at start-up and runs a task when triggered.
  const scheduler = mockServices.scheduler() as ReturnType<
    typeof mockServices.scheduler
  > & {
    factory(options: {
      skipTaskRunOnStartup: boolean;
    }): ServiceFactory<SchedulerService>;
  };
  const { server } = await startTestBackend({
    features: [
      scheduler.factory({ skipTaskRunOnStartup: true }),
      searchPlugin,
      searchModuleCatalogCollator,
      ...(withTeamflow ? [searchModuleTeamflow] : []),
      catalogServiceMock.factory({ entities }),
      mockServices.rootConfig.factory({
        data: {
          search: {
            collators: {
              catalog: {
                schedule: {
                  frequency: { minutes: 10 },
                  timeout: { minutes: 1 },
                  initialDelay: { seconds: 0 },
                },
              },
            },
          },
        },
      }),
    ],
  });
  // The search plugin schedules its indexing once the backend has started.
  for (const task of await scheduler.getScheduledTasks()) {
    await scheduler.triggerTask(task.id);
  }
  const search = async (term: string): Promise<Result[]> => {
    for (let attempt = 0; attempt < 200; attempt++) {
      const res = await request(server)
        .get('/api/search/query')
        .query({ term, types: ['software-catalog'] });
      if (res.status === 200 && res.body.results.length) {
        return res.body.results;
      }
      await new Promise(resolve => setTimeout(resolve, 100));
    }
    const last = await request(server)
      .get('/api/search/query')
      .query({ term, types: ['software-catalog'] });
    throw new Error(
      `the catalog was never indexed: ${last.status} ${JSON.stringify(
        last.body,
      )}`,
    );
  };
  return search;
}

// Each backend indexes the catalog once on start-up, which takes a moment.
jest.setTimeout(30_000);

const describeResult = (r: Result) => `${r.document.kind} ${r.document.title}`;

describe('searchModuleTeamflow', () => {
  it("without it, Backstage's defaults rank the team below what it owns", async () => {
    const search = await searchBackend(false);
    const results = await search('Checkout');
    expect(describeResult(results[0])).not.toBe('Group Checkout');
    const team = results.find(r => describeResult(r) === 'Group Checkout')!;
    expect(team.document.text).toMatch(/ : Checkout$/);
  });

  it('finds the team a search names first, and the component a longer search names', async () => {
    const search = await searchBackend(true);
    expect((await search('Checkout')).map(describeResult).slice(0, 2)).toEqual([
      'Group Checkout',
      'System Checkout',
    ]);
    expect(describeResult((await search('checkout service'))[0])).toBe(
      'Component checkout-service',
    );
    expect(describeResult((await search('order service'))[0])).toBe(
      'Component order-service',
    );
    expect(describeResult((await search('Maya'))[0])).toBe('User maya.okafor');
  });

  it('writes owners by name and a team by its type, without the name repeated', async () => {
    const search = await searchBackend(true);
    const results = await search('Checkout');
    const byTitle = new Map(results.map(r => [describeResult(r), r.document]));
    expect(byTitle.get('Group Checkout')!.text).toBe(
      'Stream-aligned team in Shopping · A basket-to-paid-order flow that never loses a customer: basket, delivery slots, checkout and payment.',
    );
    expect(byTitle.get('System Checkout')!.owner).toBe('Checkout');
    expect(byTitle.get('Domain Checkout & Payments')!.owner).toBe('Checkout');
    expect(byTitle.get('Component checkout-service')!.owner).toBe('Checkout');
    const pricing = await search('pricing');
    expect(pricing[0].document.owner).toBe('Maya Okafor');
    const maya = await search('Maya');
    expect(maya[0].document.text).toBe('Maya Okafor · maya@example.com');
  });
});

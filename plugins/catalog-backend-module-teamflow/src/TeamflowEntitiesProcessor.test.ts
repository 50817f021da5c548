import { Entity } from '@backstage/catalog-model';
import { CatalogProcessorResult } from '@backstage/plugin-catalog-node';
import { TeamflowEntitiesProcessor } from './TeamflowEntitiesProcessor';

const processor = new TeamflowEntitiesProcessor();
const location = { type: 'file', target: 'test.yaml' };

const persona = (spec: object = {}): Entity => ({
  apiVersion: 'teamflow.io/v1alpha1',
  kind: 'Persona',
  metadata: { name: 'courier', namespace: 'default' },
  spec: {
    type: 'operator',
    owner: 'courier-app',
    lifecycle: 'validated',
    servedBy: ['courier-app', 'group:default/route-optimisation'],
    uses: [
      { entityRef: 'component:courier-app', frequency: 'daily' },
      { entityRef: 'system:courier' },
    ],
    ...spec,
  },
});

const interaction = (spec: object = {}): Entity => ({
  apiVersion: 'teamflow.io/v1alpha1',
  kind: 'TeamInteraction',
  metadata: { name: 'i', namespace: 'default' },
  spec: {
    from: 'group:default/data-platform',
    to: 'group:default/search-relevance',
    mode: 'x-as-a-service',
    purpose: 'Event bus',
    status: 'active',
    ...spec,
  },
});

const plainGroup: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Group',
  metadata: { name: 'plain' },
  spec: { type: 'team', children: [] },
};
const plainComponent: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name: 'svc',
    annotations: { 'backstage.io/techdocs-ref': 'dir:.' },
  },
  spec: { type: 'service', owner: 'plain', lifecycle: 'production' },
};

async function relationsOf(entity: Entity) {
  const emitted: CatalogProcessorResult[] = [];
  await processor.postProcessEntity(entity, location, r => emitted.push(r));
  return emitted.map(r => {
    if (r.type !== 'relation') throw new Error(`unexpected ${r.type}`);
    const ref = (x: { kind: string; namespace: string; name: string }) =>
      `${x.kind.toLocaleLowerCase('en-US')}:${x.namespace}/${x.name}`;
    return `${ref(r.relation.source)} ${r.relation.type} ${ref(
      r.relation.target,
    )}`;
  });
}

describe('TeamflowEntitiesProcessor.validateEntityKind', () => {
  it.each([
    ['a valid Persona is recognised', persona(), true],
    ['a valid TeamInteraction is recognised', interaction(), true],
    ['a plain Group is left to the built-in processor', plainGroup, false],
    [
      'a Component from any Backstage install is left alone',
      plainComponent,
      false,
    ],
    [
      'a typed team is accepted and left to the built-in processor',
      {
        ...plainGroup,
        metadata: {
          name: 't',
          labels: { 'teamflow.io/team-type': 'platform' },
        },
      },
      false,
    ],
  ])('%s', async (_name, entity, expected) => {
    await expect(processor.validateEntityKind(entity)).resolves.toBe(expected);
  });

  it.each([
    [
      'an unknown team type',
      {
        ...plainGroup,
        metadata: {
          name: 'checkout',
          labels: { 'teamflow.io/team-type': 'feature-team' },
        },
      },
      "group:default/checkout is not valid Teamflow data: metadata.labels[teamflow.io/team-type] must be one of stream-aligned, platform, enabling, complicated-subsystem, got 'feature-team'",
    ],
    [
      'an unknown mode',
      interaction({ mode: 'pairing' }),
      "teaminteraction:default/i is not valid Teamflow data: spec.mode must be one of collaboration, x-as-a-service, facilitating, got 'pairing'",
    ],
    [
      'a collaboration without reviewBy',
      interaction({ mode: 'collaboration' }),
      'teaminteraction:default/i is not valid Teamflow data: spec.reviewBy is required for collaboration, which is temporary by definition',
    ],
    [
      'a servedBy that is not a Group ref',
      persona({ servedBy: ['user:default/maya.okafor'] }),
      "persona:default/courier is not valid Teamflow data: spec.servedBy[0] must refer to a Group, got 'user:default/maya.okafor'",
    ],
    [
      'wrong types, all reported at once',
      persona({ goals: 'be fast', lifecycle: 3 }),
      "persona:default/courier is not valid Teamflow data: spec.lifecycle must be a non-empty string, got number; spec.goals must be a list, got 'be fast'",
    ],
  ])(
    'rejects %s, naming the entity and the field',
    async (_name, entity, message) => {
      await expect(processor.validateEntityKind(entity)).rejects.toThrow(
        message,
      );
    },
  );
});

describe('TeamflowEntitiesProcessor.preProcessEntity', () => {
  it('writes persona refs in full so catalog filters find them', async () => {
    const out = await processor.preProcessEntity(persona());
    expect(out.spec).toMatchObject({
      owner: 'group:default/courier-app',
      servedBy: [
        'group:default/courier-app',
        'group:default/route-optimisation',
      ],
      uses: [
        { entityRef: 'component:default/courier-app', frequency: 'daily' },
        { entityRef: 'system:default/courier' },
      ],
    });
  });

  it('writes interaction refs in full and leaves broken ones for validation', async () => {
    const out = await processor.preProcessEntity(
      interaction({ from: 'data-platform', to: 'group:', owner: undefined }),
    );
    expect(out.spec).toMatchObject({
      from: 'group:default/data-platform',
      to: 'group:',
    });
    expect(out.spec!.owner).toBeUndefined();
  });

  it('titles an untitled interaction by its teams and mode, and keeps a given title', async () => {
    const untitled = await processor.preProcessEntity(
      interaction({
        from: 'checkout',
        to: 'order-flow',
        mode: 'collaboration',
      }),
    );
    expect(untitled.metadata.title).toBe(
      'Checkout ↔ Order flow, Collaboration',
    );
    const service = await processor.preProcessEntity(interaction());
    expect(service.metadata.title).toBe(
      'Data platform → Search relevance, X-as-a-Service',
    );
    const titled = interaction();
    titled.metadata.title = 'Data Platform → Search Relevance';
    expect((await processor.preProcessEntity(titled)).metadata.title).toBe(
      'Data Platform → Search Relevance',
    );
  });

  it('leaves other entities untouched', async () => {
    expect(await processor.preProcessEntity(plainComponent)).toBe(
      plainComponent,
    );
  });
});

describe('TeamflowEntitiesProcessor.postProcessEntity', () => {
  it('relates a persona to its owner, the teams serving it and what it uses, both ways', async () => {
    expect(await relationsOf(persona())).toEqual([
      'persona:default/courier ownedBy group:default/courier-app',
      'group:default/courier-app ownerOf persona:default/courier',
      'persona:default/courier teamflow.io/servedBy group:default/courier-app',
      'group:default/courier-app teamflow.io/serves persona:default/courier',
      'persona:default/courier teamflow.io/servedBy group:default/route-optimisation',
      'group:default/route-optimisation teamflow.io/serves persona:default/courier',
      'persona:default/courier teamflow.io/uses component:default/courier-app',
      'component:default/courier-app teamflow.io/usedBy persona:default/courier',
      'persona:default/courier teamflow.io/uses system:default/courier',
      'system:default/courier teamflow.io/usedBy persona:default/courier',
    ]);
  });

  it.each([
    [
      'x-as-a-service',
      {},
      [
        'group:default/data-platform teamflow.io/providesServiceTo group:default/search-relevance',
        'group:default/search-relevance teamflow.io/consumesServiceFrom group:default/data-platform',
      ],
    ],
    [
      'facilitating',
      { mode: 'facilitating', reviewBy: '2027-01-01' },
      [
        'group:default/data-platform teamflow.io/facilitates group:default/search-relevance',
        'group:default/search-relevance teamflow.io/facilitatedBy group:default/data-platform',
      ],
    ],
    [
      'collaboration',
      { mode: 'collaboration', reviewBy: '2027-01-01' },
      [
        'group:default/data-platform teamflow.io/collaboratesWith group:default/search-relevance',
        'group:default/search-relevance teamflow.io/collaboratesWith group:default/data-platform',
      ],
    ],
    ['a planned interaction (no team relation yet)', { status: 'planned' }, []],
    [
      'an ended interaction (no team relation any more)',
      { status: 'ended' },
      [],
    ],
  ])(
    'relates the teams of an interaction: %s',
    async (_name, spec, teamRelations) => {
      expect(await relationsOf(interaction(spec))).toEqual([
        // Owned by spec.owner, or by the offering team when no owner is given.
        'teaminteraction:default/i ownedBy group:default/data-platform',
        'group:default/data-platform ownerOf teaminteraction:default/i',
        ...teamRelations,
      ]);
    },
  );

  it('emits nothing for entities without Teamflow kinds', async () => {
    expect(await relationsOf(plainComponent)).toEqual([]);
    expect(await relationsOf(plainGroup)).toEqual([]);
  });
});

const feature = (spec: object = {}): Entity => ({
  apiVersion: 'teamflow.io/v1alpha1',
  kind: 'Feature',
  metadata: { name: 'one-tap-reorder', namespace: 'default' },
  spec: {
    owner: 'checkout',
    lifecycle: 'launched',
    implementedBy: ['basket-service', 'component:default/checkout-web'],
    targets: [
      {
        persona: 'weekly-family-shopper',
        why: 'Reordering last week’s basket saves the Sunday evening shop',
      },
    ],
    outcome: 'Orders per active shopper',
    analytics: { events: ['Reorder Clicked', 'Reorder *'] },
    ...spec,
  },
});

describe('kind: Feature', () => {
  it('is recognised when valid, its refs written in full', async () => {
    await expect(processor.validateEntityKind(feature())).resolves.toBe(true);
    const pre = await processor.preProcessEntity(feature());
    expect(pre.spec).toMatchObject({
      owner: 'group:default/checkout',
      implementedBy: [
        'component:default/basket-service',
        'component:default/checkout-web',
      ],
      targets: [{ persona: 'persona:default/weekly-family-shopper' }],
    });
  });

  it.each([
    [
      'an unknown lifecycle and a target without why',
      feature({ lifecycle: 'shipped', targets: [{ persona: 'courier' }] }),
      "feature:default/one-tap-reorder is not valid Teamflow data: spec.lifecycle must be one of idea, discovery, building, launched, retired, got 'shipped'; spec.targets[0].why is required",
    ],
    [
      'a target that is not a persona',
      feature({
        targets: [{ persona: 'group:default/checkout', why: 'x' }],
      }),
      "feature:default/one-tap-reorder is not valid Teamflow data: spec.targets[0].persona must refer to a Persona, got 'group:default/checkout'",
    ],
    [
      'an owner that is a user, and an implementing API',
      feature({ owner: 'user:default/maya', implementedBy: ['api:orders'] }),
      "feature:default/one-tap-reorder is not valid Teamflow data: spec.owner must refer to a Group, got 'user:default/maya'; spec.implementedBy[0] must refer to a Component, got 'api:orders'",
    ],
    [
      'analytics events that are not text',
      feature({ analytics: { events: [''] } }),
      "feature:default/one-tap-reorder is not valid Teamflow data: spec.analytics.events[0] must be a non-empty string, got ''",
    ],
  ])('rejects %s, naming the field', async (_name, entity, message) => {
    await expect(processor.validateEntityKind(entity)).rejects.toThrow(message);
  });

  it('relates a feature to its team, its components and its personas, both ways', async () => {
    const pre = await processor.preProcessEntity(feature());
    expect(await relationsOf(pre)).toEqual([
      'feature:default/one-tap-reorder ownedBy group:default/checkout',
      'group:default/checkout ownerOf feature:default/one-tap-reorder',
      'feature:default/one-tap-reorder teamflow.io/implementedBy component:default/basket-service',
      'component:default/basket-service teamflow.io/implements feature:default/one-tap-reorder',
      'feature:default/one-tap-reorder teamflow.io/implementedBy component:default/checkout-web',
      'component:default/checkout-web teamflow.io/implements feature:default/one-tap-reorder',
      'feature:default/one-tap-reorder teamflow.io/targets persona:default/weekly-family-shopper',
      'persona:default/weekly-family-shopper teamflow.io/targetedBy feature:default/one-tap-reorder',
    ]);
  });
});

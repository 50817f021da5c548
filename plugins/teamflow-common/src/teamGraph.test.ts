import { Entity } from '@backstage/catalog-model';
import { deriveTeamGraph, hubThreshold } from './teamGraph';

const team = (name: string, type?: string, members = 0): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Group',
  metadata: {
    name,
    namespace: 'default',
    labels: type ? { 'teamflow.io/team-type': type } : {},
  },
  spec: { type: 'team', children: [] },
  relations: Array.from({ length: members }, (_, i) => ({
    type: 'hasMember',
    targetRef: `user:default/${name}-${i}`,
  })),
});

const owned = (
  kind: string,
  name: string,
  owner: string,
  deps: Array<['dependsOn' | 'consumesApi', string]> = [],
): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind,
  metadata: { name, namespace: 'default' },
  spec: {},
  relations: [
    {
      type: 'ownedBy',
      targetRef: owner.includes(':') ? owner : `group:default/${owner}`,
    },
    ...deps.map(([type, targetRef]) => ({ type, targetRef })),
  ],
});

const interaction = (name: string, spec: object): Entity => ({
  apiVersion: 'teamflow.io/v1alpha1',
  kind: 'TeamInteraction',
  metadata: { name, namespace: 'default' },
  spec: { purpose: 'p', status: 'active', ...spec },
});

// A (stream-aligned, 2 people), B (platform), C (stream-aligned), D (undeclared), E (enabling).
const organisation: Entity[] = [
  team('a', 'stream-aligned', 2),
  team('b', 'platform'),
  team('c', 'stream-aligned'),
  team('d'),
  team('e', 'enabling'),
  owned('Component', 'a1', 'a', [
    ['consumesApi', 'api:default/b-api'],
    ['dependsOn', 'component:default/c1'],
  ]),
  owned('Component', 'a2', 'a', [['consumesApi', 'api:default/b-api']]),
  owned('Component', 'a3', 'a', [['dependsOn', 'component:default/a1']]), // same team: ignored
  owned('Component', 'b1', 'b'),
  owned('API', 'b-api', 'b'),
  owned('Component', 'c1', 'c', [['dependsOn', 'component:default/a1']]),
  owned('Component', 'd1', 'd', [['dependsOn', 'component:default/b1']]),
  owned('Component', 'x', 'user:default/someone', [
    ['dependsOn', 'component:default/a1'],
  ]), // no team: ignored
  interaction('b-serves-a', {
    from: 'b',
    to: 'group:default/a',
    mode: 'x-as-a-service',
    dependency: { severity: 'blocking' },
  }),
  interaction('a-with-c', {
    from: 'group:default/a',
    to: 'group:default/c',
    mode: 'collaboration',
    reviewBy: '2026-01-01',
  }),
  interaction('e-helps-c', {
    from: 'group:default/e',
    to: 'group:default/c',
    mode: 'facilitating',
    reviewBy: '2027-01-01',
  }),
  interaction('b-served-c', {
    from: 'group:default/b',
    to: 'group:default/c',
    mode: 'x-as-a-service',
    status: 'ended',
  }),
  interaction('b-will-serve-c', {
    from: 'group:default/b',
    to: 'group:default/c',
    mode: 'x-as-a-service',
    status: 'planned',
  }),
];

const graph = deriveTeamGraph(organisation, '2026-11-21');
const g = (n: string) => `group:default/${n}`;

describe('deriveTeamGraph', () => {
  it('classifies every team pair, hand-derived from the organisation above', () => {
    expect(
      graph.edges.map(e => [
        e.from.replace('group:default/', ''),
        e.to.replace('group:default/', ''),
        e.weight,
        e.classification,
        e.declared.map(d =>
          d.interactionRef.replace('teaminteraction:default/', ''),
        ),
        e.blocking,
        e.overdue,
      ]),
    ).toEqual([
      ['a', 'b', 2, 'declared-and-observed', ['b-serves-a'], true, false],
      ['a', 'c', 1, 'declared-and-observed', ['a-with-c'], false, true],
      ['c', 'a', 1, 'declared-and-observed', ['a-with-c'], false, true],
      ['c', 'b', 0, 'declared-only', ['b-will-serve-c'], false, false],
      ['c', 'e', 0, 'declared-only', ['e-helps-c'], false, false],
      ['d', 'b', 1, 'observed-undeclared', [], false, false],
    ]);
  });

  it('keeps the entity-level edges behind a team edge', () => {
    const ab = graph.edges.find(e => e.from === g('a') && e.to === g('b'))!;
    expect(ab.observed).toEqual([
      {
        source: 'component:default/a1',
        target: 'api:default/b-api',
        type: 'consumesApi',
      },
      {
        source: 'component:default/a2',
        target: 'api:default/b-api',
        type: 'consumesApi',
      },
    ]);
  });

  it('counts inbound and outbound observed dependencies per team, with type and size', () => {
    expect(
      graph.nodes.map(n => [
        n.ref.replace('group:default/', ''),
        n.type,
        n.members,
        n.inbound,
        n.outbound,
      ]),
    ).toEqual([
      ['a', 'stream-aligned', 2, 1, 2],
      ['b', 'platform', 0, 2, 0],
      ['c', 'stream-aligned', 0, 1, 1],
      ['d', 'undeclared', 0, 0, 1],
      ['e', 'enabling', 0, 0, 0],
    ]);
  });

  it('ignores interactions with teams that are not in the catalog', () => {
    const withGhost = deriveTeamGraph(
      [
        ...organisation,
        interaction('ghost', {
          from: 'group:default/ghost',
          to: 'group:default/a',
          mode: 'x-as-a-service',
        }),
      ],
      '2026-11-21',
    );
    expect(withGhost.edges).toHaveLength(graph.edges.length);
  });

  it('counts what each team owns and the domains it works in', () => {
    const domainOrg: Entity[] = [
      team('a', 'stream-aligned'),
      team('b', 'platform'),
      { ...owned('Domain', 'payments', 'b') },
      { ...owned('System', 'pay', 'b'), spec: { domain: 'payments' } },
      {
        ...owned('System', 'shop', 'a'),
        spec: { domain: 'domain:default/retail' },
      },
      { ...owned('Component', 'cart', 'a'), spec: { system: 'pay' } },
      owned('API', 'cart-api', 'a'),
      owned('Resource', 'db', 'a'),
    ];
    const nodes = deriveTeamGraph(domainOrg, '2026-11-21').nodes;
    expect(nodes.map(n => [n.ref, n.owned, n.domains])).toEqual([
      [
        g('a'),
        { component: 1, api: 1, system: 1, resource: 1, domain: 0 },
        ['domain:default/payments', 'domain:default/retail'],
      ],
      [
        g('b'),
        { component: 0, api: 0, system: 1, resource: 0, domain: 1 },
        ['domain:default/payments'],
      ],
    ]);
  });
});

describe('hubThreshold', () => {
  it.each([
    // Q1 = 1, Q3 = 3.5 (interpolated), IQR = 2.5: 3.5 + 3.75
    [[0, 1, 1, 2, 3, 4, 20], 7.25],
    // Q1 = 10, Q3 = 10: the fence is 10
    [[10, 10, 10, 10], 10],
    // A small organisation: never below 5
    [[1, 1, 1, 2], 5],
    [[], 5],
  ])('%j -> %d', (counts, expected) => {
    expect(hubThreshold(counts)).toBeCloseTo(expected, 10);
  });

  it('flags the teams above the fence', () => {
    // 8 teams each depending on hub h; nobody else has more than one inbound.
    const hubOrg: Entity[] = [
      team('h', 'platform'),
      owned('Component', 'h1', 'h'),
      ...Array.from({ length: 8 }, (_, i) => [
        team(`t${i}`, 'stream-aligned'),
        owned('Component', `c${i}`, `t${i}`, [
          ['dependsOn', 'component:default/h1'],
        ]),
      ]).flat(),
    ];
    const hubGraph = deriveTeamGraph(hubOrg, '2026-11-21');
    // inbound counts: h = 8, the 8 others 0 -> Q1 = Q3 = 0, fence max(5, 0)
    expect(hubGraph.thresholds.inbound).toBe(5);
    expect(hubGraph.nodes.filter(n => n.manyInbound).map(n => n.ref)).toEqual([
      g('h'),
    ]);
    expect(hubGraph.nodes.filter(n => n.manyOutbound)).toEqual([]);
  });
});

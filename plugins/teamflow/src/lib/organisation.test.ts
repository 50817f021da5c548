import { Entity } from '@backstage/catalog-model';
import {
  analysePersonaCoverage,
  buildDirectory,
  countByKind,
  findOwnershipProblems,
} from './organisation';

const team = (
  name: string,
  type?: string,
  annotations: Record<string, string> = {},
  serves: string[] = [],
): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Group',
  metadata: {
    name,
    namespace: 'default',
    labels: type ? { 'teamflow.io/team-type': type } : {},
    annotations,
  },
  spec: { type: 'team', children: [] },
  relations: serves.map(p => ({
    type: 'teamflow.io/serves',
    targetRef: `persona:default/${p}`,
  })),
});

const persona = (
  name: string,
  servedBy: string[],
  lifecycle = 'validated',
): Entity => ({
  apiVersion: 'teamflow.io/v1alpha1',
  kind: 'Persona',
  metadata: { name, namespace: 'default' },
  spec: { type: 'end-user', owner: 'group:default/a', lifecycle },
  relations: servedBy.map(t => ({
    type: 'teamflow.io/servedBy',
    targetRef: `group:default/${t}`,
  })),
});

describe('buildDirectory', () => {
  it('groups by value stream, then platform grouping, then the rest, types in Team Topologies order', () => {
    const sections = buildDirectory([
      team('search', 'complicated-subsystem', {
        'teamflow.io/value-stream': 'shopping',
      }),
      team('checkout', 'stream-aligned', {
        'teamflow.io/value-stream': 'shopping',
      }),
      team('orders', 'stream-aligned', {
        'teamflow.io/value-stream': 'fulfilment',
      }),
      team('devex', 'platform', {
        'teamflow.io/platform-grouping': 'engineering-platform',
      }),
      team('sre', 'enabling'),
      team('tools'),
      { ...team('shopping-bu'), spec: { type: 'business-unit', children: [] } },
    ]);
    expect(
      sections.map(s => [
        s.title,
        s.teams.map(t => `${t.entity.metadata.name}:${t.type}`),
      ]),
    ).toEqual([
      ['fulfilment', ['orders:stream-aligned']],
      ['shopping', ['checkout:stream-aligned', 'search:complicated-subsystem']],
      ['engineering-platform', ['devex:platform']],
      [
        'Not in a value stream or platform grouping',
        ['sre:enabling', 'tools:undeclared'],
      ],
    ]);
  });
});

describe('analysePersonaCoverage', () => {
  const teams = [
    team('checkout', 'stream-aligned', {}, ['shopper']),
    team('discovery', 'stream-aligned', {}, ['shopper']),
    team('billing', 'stream-aligned'),
    team('devex', 'platform'),
  ];
  const personas = [
    persona('shopper', ['checkout', 'discovery', 'accounts']),
    persona('courier', ['courier-app']),
    persona('support-agent', []),
    persona('old-admin', [], 'retired'),
  ];
  const coverage = analysePersonaCoverage(personas, teams);

  it('finds personas no team serves, ignoring retired ones', () => {
    expect(coverage.unservedPersonas.map(p => p.metadata.name)).toEqual([
      'support-agent',
    ]);
  });

  it('finds stream-aligned teams serving no persona (platform teams are not expected to)', () => {
    expect(
      coverage.streamAlignedWithoutPersona.map(t => t.metadata.name),
    ).toEqual(['billing']);
  });

  it('finds personas served by several teams', () => {
    expect(
      coverage.sharedPersonas.map(s => [s.persona.metadata.name, s.teamRefs]),
    ).toEqual([
      [
        'shopper',
        [
          'group:default/accounts',
          'group:default/checkout',
          'group:default/discovery',
        ],
      ],
    ]);
  });
});

describe('findOwnershipProblems', () => {
  const groups = new Set(['group:default/checkout', 'group:other/payments']);
  const component = (
    name: string,
    owner?: unknown,
    namespace = 'default',
  ): Entity => ({
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name, namespace },
    spec: {
      type: 'service',
      lifecycle: 'production',
      ...(owner === undefined ? {} : { owner }),
    },
  });

  it.each([
    ['owned by a group (short ref)', component('a', 'checkout'), undefined],
    [
      'owned by a group (full ref, other case)',
      component('b', 'Group:default/Checkout'),
      undefined,
    ],
    [
      'owned by a group in its own namespace',
      component('c', 'payments', 'other'),
      undefined,
    ],
    ['no owner', component('d'), 'no owner'],
    ['an empty owner', component('e', ' '), 'no owner'],
    [
      'owned by a person',
      component('f', 'user:default/jonas.keller'),
      'owner is not a group',
    ],
    [
      'owned by a group that does not exist',
      component('g', 'group:default/ghosts'),
      'owner not in the catalog',
    ],
  ])('%s', (_name, entity, expected) => {
    expect(findOwnershipProblems([entity], groups)[0]?.problem).toBe(expected);
  });
});

describe('countByKind', () => {
  it('says what was counted, most first, in words', () => {
    const of = (...kinds: string[]) => kinds.map(kind => ({ kind }));
    expect(
      countByKind(
        of('Component', 'API', 'component', 'System', 'API', 'Component'),
      ),
    ).toBe('3 components, 2 APIs, 1 system');
    expect(countByKind(of('TeamInteraction', 'Entity', 'Entity'))).toBe(
      '2 entities, 1 team interaction',
    );
    expect(countByKind([])).toBe('');
  });
});

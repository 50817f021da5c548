import { filterTeamGraph, summariseOrganisation } from './overview';
import { StructuralLoad } from './structuralLoad';
import { TeamEdge, TeamNode } from './teamGraph';

const g = (n: string) => `group:default/${n}`;

const node = (name: string, over: Partial<TeamNode> = {}): TeamNode => ({
  ref: g(name),
  title: name,
  type: 'stream-aligned',
  members: 5,
  owned: { component: 1, api: 0, system: 0, resource: 0, domain: 0 },
  domains: [],
  inbound: 0,
  outbound: 0,
  manyInbound: false,
  manyOutbound: false,
  ...over,
});

const edge = (
  from: string,
  to: string,
  over: Partial<TeamEdge> = {},
): TeamEdge => ({
  from: g(from),
  to: g(to),
  weight: 1,
  observed: [],
  declared: [],
  classification: 'observed-undeclared',
  blocking: false,
  overdue: false,
  ...over,
});

const declared = (ref: string, overdue = false) => ({
  interactionRef: `teaminteraction:default/${ref}`,
  mode: 'collaboration' as const,
  status: 'active' as const,
  overdue,
});

// Checkout and search (stream-aligned, value stream "shop", domain retail), payments
// (stream-aligned, "money"), platform (platform, many inbound), coach (enabling), misc (no type).
const nodes = [
  node('checkout', { valueStream: 'shop', domains: ['domain:default/retail'] }),
  node('coach', { type: 'enabling' }),
  node('misc', { type: 'undeclared' }),
  node('payments', { valueStream: 'money', domains: ['domain:default/money'] }),
  node('platform', { type: 'platform', manyInbound: true }),
  node('search', { valueStream: 'shop', domains: ['domain:default/retail'] }),
];
const edges = [
  // designed and happening
  edge('checkout', 'payments', {
    classification: 'declared-and-observed',
    declared: [declared('checkout-payments', true)],
    overdue: true,
  }),
  edge('checkout', 'platform', {
    weight: 3,
    classification: 'declared-and-observed',
    declared: [
      { ...declared('platform-serves-checkout'), mode: 'x-as-a-service' },
    ],
    blocking: true,
  }),
  edge('misc', 'platform', { weight: 2 }), // undeclared
  edge('payments', 'checkout', {
    classification: 'declared-and-observed',
    declared: [declared('checkout-payments', true)],
    overdue: true,
  }),
  edge('search', 'coach', {
    weight: 0,
    classification: 'declared-only',
    declared: [declared('coach-helps-search')],
  }),
];
const graph = { nodes, edges };
const refs = (ns: TeamNode[]) =>
  ns.map(n => n.ref.replace('group:default/', ''));
const pairs = (es: TeamEdge[]) =>
  es.map(
    e =>
      `${e.from.replace('group:default/', '')}>${e.to.replace(
        'group:default/',
        '',
      )}`,
  );

describe('filterTeamGraph', () => {
  it('keeps everything without a filter', () => {
    const f = filterTeamGraph(graph, {});
    expect(f.nodes).toHaveLength(6);
    expect(f.edges).toHaveLength(5);
    expect(f.matched).toHaveLength(6);
  });

  it('narrows to a value stream and brings the teams at the far end along as context', () => {
    const f = filterTeamGraph(graph, { valueStream: 'shop' });
    expect(f.matched).toEqual([g('checkout'), g('search')]);
    expect(pairs(f.edges)).toEqual([
      'checkout>payments',
      'checkout>platform',
      'payments>checkout',
      'search>coach',
    ]);
    expect(refs(f.nodes)).toEqual([
      'checkout',
      'coach',
      'payments',
      'platform',
      'search',
    ]);
  });

  it('filters by domain and by type', () => {
    expect(
      filterTeamGraph(graph, { domain: 'domain:default/money' }).matched,
    ).toEqual([g('payments')]);
    expect(
      filterTeamGraph(graph, { types: ['platform', 'undeclared'] }).matched,
    ).toEqual([g('misc'), g('platform')]);
    expect(
      filterTeamGraph(graph, { valueStream: 'shop', types: ['platform'] }),
    ).toEqual({
      nodes: [],
      edges: [],
      matched: [],
    });
  });

  it('shows only problems: undeclared, blocking and overdue edges and hub teams', () => {
    const f = filterTeamGraph(graph, { problems: true });
    // search>coach is declared and fine; coach and search have nothing else.
    expect(pairs(f.edges)).toEqual([
      'checkout>payments',
      'checkout>platform',
      'misc>platform',
      'payments>checkout',
    ]);
    expect(f.matched).toEqual([
      g('checkout'),
      g('misc'),
      g('payments'),
      g('platform'),
    ]);
  });
});

const load = (
  name: string,
  score: number,
  band: StructuralLoad['band'],
): StructuralLoad => ({
  teamRef: g(name),
  score,
  band,
  points: score,
  sizeFactor: 1,
  contributions: [],
  complexDomainPlusOther: false,
});

describe('summariseOrganisation', () => {
  const overview = summariseOrganisation({
    graph,
    load: [
      load('checkout', 50.4, 'overloaded'),
      load('coach', 3, 'low'),
      load('misc', 12, 'low'),
      load('payments', 31, 'high'),
      load('platform', 20, 'moderate'),
      load('search', 16, 'moderate'),
    ],
    personas: [
      {
        ref: 'persona:default/shopper',
        title: 'Shopper',
        servedBy: [g('checkout'), g('search')],
      },
      { ref: 'persona:default/agent', title: 'Agent', servedBy: [] },
      // served by a team the caller cannot see (or that no longer exists): unserved
      {
        ref: 'persona:default/ghosted',
        title: 'Ghosted',
        servedBy: [g('gone')],
      },
      // retired: out of coverage altogether
      {
        ref: 'persona:default/old',
        title: 'Old',
        servedBy: [],
        lifecycle: 'retired',
      },
    ],
    components: [
      { ref: 'component:default/a', title: 'a', owner: g('checkout') },
      { ref: 'component:default/b', title: 'b', owner: 'user:default/someone' },
      {
        ref: 'component:default/c',
        title: 'c',
        owner: 'group:default/business-unit',
      },
      { ref: 'component:default/d', title: 'd', owner: g('platform') },
    ],
  });

  it('counts team types, value streams and dependency classes', () => {
    expect(overview.teams).toEqual({
      total: 6,
      byType: {
        'stream-aligned': 3,
        platform: 1,
        enabling: 1,
        'complicated-subsystem': 0,
        undeclared: 1,
      },
      byValueStream: [
        { valueStream: 'shop', teams: 2 },
        { valueStream: 'money', teams: 1 },
      ],
    });
    expect(overview.dependencies).toEqual({
      teamEdges: 5,
      entityEdges: 1 + 3 + 2 + 1 + 0,
      declaredAndObserved: 3,
      declaredOnly: 1,
      coaching: 0,
      observedUndeclared: 1,
      blocking: 1,
      // one interaction, overdue on both directions: once, as the scorecard
      overdue: 1,
      teamsWithManyDependencies: [g('platform')],
    });
  });

  it('ranks load and covers personas and ownership', () => {
    expect(overview.load.byBand).toEqual({
      low: 2,
      moderate: 2,
      high: 1,
      overloaded: 1,
    });
    expect(overview.load.highest.slice(0, 2)).toEqual([
      { teamRef: g('checkout'), score: 50.4, band: 'overloaded' },
      { teamRef: g('payments'), score: 31, band: 'high' },
    ]);
    expect(overview.personas.total).toBe(3);
    expect(overview.personas.served).toBe(1);
    expect(overview.personas.unserved.map(p => p.title)).toEqual([
      'Agent',
      'Ghosted',
    ]);
    expect(overview.personas.streamAlignedWithout).toEqual([g('payments')]);
    expect(overview.ownership.notOwnedByTeam).toBe(2);
    expect(overview.ownership.examples.map(c => c.title)).toEqual(['b', 'c']);
  });

  it('scores the org health', () => {
    expect(
      overview.scorecard.map(s => [s.id, s.value, s.of, s.status]),
    ).toEqual([
      // 2 of 3 stream-aligned teams serve a persona: at least half -> warning
      ['stream-aligned-with-persona', 2, 3, 'warning'],
      ['teams-over-load-threshold', 1, 6, 'problem'],
      ['blocking-dependencies', 1, undefined, 'problem'],
      // one interaction, overdue on both directions of the pair: counted once
      ['overdue-collaborations', 1, undefined, 'problem'],
      ['components-not-owned-by-a-team', 2, 4, 'warning'],
      ['teams-without-type', 1, 6, 'warning'],
    ]);
  });
});

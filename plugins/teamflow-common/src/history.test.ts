import {
  OrgSnapshot,
  TeamSignals,
  compareMaps,
  diffSnapshots,
  overviewOfSnapshot,
} from './history';

const team = (
  name: string,
  type: OrgSnapshot['teams'][number]['type'] = 'stream-aligned',
) => ({ ref: `group:default/${name}`, title: name, type, members: 5 });
const edge = (
  from: string,
  to: string,
  classification: OrgSnapshot['edges'][number]['classification'],
  overdue = false,
) => ({
  from: `group:default/${from}`,
  to: `group:default/${to}`,
  classification,
  blocking: false,
  overdue,
});

const before: OrgSnapshot = {
  takenOn: '2026-11-23',
  teams: [team('checkout'), team('order-flow'), team('legacy'), team('pay')],
  owners: {
    'component:default/cart': 'group:default/checkout',
    'component:default/ledger': 'group:default/pay',
    'component:default/stays': 'group:default/pay',
  },
  edges: [
    edge('checkout', 'pay', 'declared-and-observed'),
    edge('order-flow', 'pay', 'declared-only'),
    edge('pay', 'order-flow', 'declared-only'),
    edge('checkout', 'order-flow', 'declared-and-observed'),
  ],
  load: [
    { teamRef: 'group:default/checkout', score: 9, band: 'moderate' },
    { teamRef: 'group:default/pay', score: 20, band: 'high' },
  ],
};

const after: OrgSnapshot = {
  takenOn: '2026-11-30',
  teams: [
    team('checkout'),
    team('order-flow'),
    team('pay', 'complicated-subsystem'),
    team('search'),
  ],
  owners: {
    'component:default/cart': 'group:default/order-flow',
    'component:default/ledger': 'group:default/pay',
    'component:default/stays': 'group:default/pay',
    'component:default/new-one': 'group:default/search',
  },
  edges: [
    // The declaration was dropped: now an undeclared dependency.
    edge('checkout', 'pay', 'observed-undeclared'),
    // A collaboration: an edge each way, one review.
    edge('order-flow', 'pay', 'declared-only', true),
    edge('pay', 'order-flow', 'declared-only', true),
    edge('checkout', 'order-flow', 'declared-and-observed'),
    // A new dependency nobody declared.
    edge('search', 'checkout', 'observed-undeclared'),
  ],
  load: [
    { teamRef: 'group:default/checkout', score: 13.5, band: 'high' },
    { teamRef: 'group:default/pay', score: 20, band: 'high' },
    { teamRef: 'group:default/search', score: 2, band: 'low' },
  ],
};

describe('diffSnapshots', () => {
  it('lists what changed between two days, in a fixed order', () => {
    expect(diffSnapshots(before, after)).toEqual([
      { kind: 'team-created', refs: ['group:default/search'], title: 'search' },
      { kind: 'team-removed', refs: ['group:default/legacy'], title: 'legacy' },
      {
        kind: 'team-retyped',
        refs: ['group:default/pay'],
        title: 'pay',
        from: 'stream-aligned',
        to: 'complicated-subsystem',
      },
      // new-one did not exist before: no move.
      {
        kind: 'owner-moved',
        refs: [
          'component:default/cart',
          'group:default/order-flow',
          'group:default/checkout',
        ],
        from: 'group:default/checkout',
        to: 'group:default/order-flow',
      },
      {
        kind: 'undeclared-dependency',
        refs: ['group:default/checkout', 'group:default/pay'],
      },
      {
        kind: 'undeclared-dependency',
        refs: ['group:default/search', 'group:default/checkout'],
      },
      {
        kind: 'review-overdue',
        refs: ['group:default/order-flow', 'group:default/pay'],
      },
      // search is new (no band before); pay stayed high.
      {
        kind: 'load-band',
        refs: ['group:default/checkout'],
        title: 'checkout',
        from: 'moderate',
        to: 'high',
        score: 13.5,
      },
    ]);
  });

  it('finds nothing between a day and itself', () => {
    expect(diffSnapshots(after, after)).toEqual([]);
  });

  it('tells debt added or resolved and delivery beyond week-to-week noise', () => {
    const delivery = (
      d: Partial<NonNullable<TeamSignals['delivery']>>,
    ): TeamSignals['delivery'] => ({
      deploymentsPerDay: 1,
      leadTimeHours: 100,
      changeFailRate: 0.1,
      recoveryTimeHours: 10,
      reworkRate: 0.02,
      ...d,
    });
    const day = (takenOn: string, signals: Record<string, TeamSignals>) => ({
      takenOn,
      teams: ['checkout', 'order-flow', 'pay', 'search'].map(name => ({
        ...team(name),
        signals: signals[name],
      })),
      owners: {},
      edges: [],
      load: [],
    });
    const week1 = day('2026-11-23', {
      checkout: { debt: { open: 2, score: 50 }, delivery: delivery({}) },
      'order-flow': {
        debt: { open: 6, score: 200 },
        delivery: delivery({ leadTimeHours: 150, changeFailRate: 0.3 }),
      },
      pay: { debt: { open: 3, score: 40 }, delivery: delivery({}) },
      // No signals a week ago: nothing to compare.
      search: {},
    });
    const week2 = day('2026-11-30', {
      // Same items, score moved by less than a tenth (50 → 54.9);
      // lead time +24 % and rework +4.9 points: noise.
      checkout: {
        debt: { open: 2, score: 54.9 },
        delivery: delivery({ leadTimeHours: 124, reworkRate: 0.069 }),
      },
      // Four items added; lead time +50 %; fail rate −10 points.
      'order-flow': {
        debt: { open: 10, score: 306.2 },
        delivery: delivery({ leadTimeHours: 225, changeFailRate: 0.2 }),
      },
      // One item resolved; deployments a day 1 → 0.5 (−50 %), recovery
      // time without enough data now.
      pay: {
        debt: { open: 2, score: 30 },
        delivery: delivery({ deploymentsPerDay: 0.5, recoveryTimeHours: null }),
      },
      search: { debt: { open: 1, score: 10 }, delivery: delivery({}) },
    });
    expect(diffSnapshots(week1, week2)).toEqual([
      {
        kind: 'debt-change',
        refs: ['group:default/order-flow'],
        title: 'order-flow',
        from: { open: 6, score: 200 },
        to: { open: 10, score: 306.2 },
      },
      {
        kind: 'debt-change',
        refs: ['group:default/pay'],
        title: 'pay',
        from: { open: 3, score: 40 },
        to: { open: 2, score: 30 },
      },
      {
        kind: 'delivery-shift',
        refs: ['group:default/order-flow'],
        title: 'order-flow',
        metric: 'leadTimeHours',
        from: 150,
        to: 225,
        better: false,
      },
      {
        kind: 'delivery-shift',
        refs: ['group:default/order-flow'],
        title: 'order-flow',
        metric: 'changeFailRate',
        from: 0.3,
        to: 0.2,
        better: true,
      },
      {
        kind: 'delivery-shift',
        refs: ['group:default/pay'],
        title: 'pay',
        metric: 'deploymentsPerDay',
        from: 1,
        to: 0.5,
        better: false,
      },
    ]);
  });
});

describe('compareMaps', () => {
  it('marks the team edges and teams added and removed, by direction', () => {
    expect(compareMaps(after, before)).toEqual({
      with: '2026-11-23',
      addedEdges: ['group:default/search>group:default/checkout'],
      removedEdges: [],
      addedTeams: ['group:default/search'],
      removedTeams: [{ ref: 'group:default/legacy', title: 'legacy' }],
    });
    // The other way round; an edge from a team that still has others
    // (pay → checkout) and the reverse of an edge still there
    // (order-flow → checkout) count as removed too.
    const other = {
      ...after,
      edges: [
        ...after.edges,
        edge('pay', 'checkout', 'observed-undeclared'),
        edge('order-flow', 'checkout', 'declared-only'),
      ],
    };
    expect(compareMaps(before, other)).toEqual({
      with: '2026-11-30',
      addedEdges: [],
      removedEdges: [
        edge('search', 'checkout', 'observed-undeclared'),
        edge('pay', 'checkout', 'observed-undeclared'),
        edge('order-flow', 'checkout', 'declared-only'),
      ],
      addedTeams: ['group:default/legacy'],
      removedTeams: [{ ref: 'group:default/search', title: 'search' }],
    });
  });
});

describe('overviewOfSnapshot', () => {
  const day: OrgSnapshot = {
    ...after,
    edges: [
      ...after.edges,
      // Coaching: facilitating only, no system dependency.
      {
        ...edge('order-flow', 'search', 'declared-only'),
        weight: 0,
        coaching: true,
      },
    ],
    personas: [
      {
        ref: 'persona:default/shopper',
        title: 'Shopper',
        servedBy: ['group:default/checkout', 'group:default/order-flow'],
      },
      {
        ref: 'persona:default/old',
        title: 'Old',
        servedBy: [],
        lifecycle: 'retired',
      },
    ],
  };

  it('counts the day as the overview counts today, from what the history keeps', () => {
    const o = overviewOfSnapshot(day);
    // 4 teams: 3 stream-aligned, 1 complicated-subsystem.
    expect(o.teams.total).toBe(4);
    expect(o.teams.byType['stream-aligned']).toBe(3);
    // 6 team edges: the collaboration's two (one review past due, counted once),
    // two undeclared, one declared and observed, one coaching.
    expect(o.dependencies).toMatchObject({
      teamEdges: 6,
      observedUndeclared: 2,
      declaredAndObserved: 1,
      declaredOnly: 2,
      coaching: 1,
      overdue: 1,
    });
    // Checkout and Order Flow serve the (not retired) shopper; search serves nobody.
    expect(o.personas).toMatchObject({
      total: 1,
      served: 1,
      streamAlignedWithout: ['group:default/search'],
    });
    // 4 components, all owned by teams of that day.
    expect(o.ownership).toMatchObject({ components: 4, notOwnedByTeam: 0 });
    expect(o.scorecard.map(c => [c.id, c.value])).toEqual([
      ['stream-aligned-with-persona', 2],
      ['teams-over-load-threshold', 0],
      ['blocking-dependencies', 0],
      ['overdue-collaborations', 1],
      ['components-not-owned-by-a-team', 0],
      ['teams-without-type', 0],
    ]);
  });

  it('leaves out the persona figures of a day kept before personas were', () => {
    const { personas: _none, ...older } = day;
    const o = overviewOfSnapshot(older);
    expect(o.personas).toBeUndefined();
    expect(o.scorecard.map(c => c.id)).not.toContain(
      'stream-aligned-with-persona',
    );
    expect(o.dependencies.overdue).toBe(1);
  });
});

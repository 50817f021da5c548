import { OrgSnapshot, diffSnapshots } from './history';

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
});

import { TeamInteractionEntity } from '@teamflow/plugin-teamflow-common';
import { describeTeamInteractions } from './interactions';

const interaction = (
  name: string,
  spec: Partial<TeamInteractionEntity['spec']>,
): TeamInteractionEntity => ({
  apiVersion: 'teamflow.io/v1alpha1',
  kind: 'TeamInteraction',
  metadata: { name, namespace: 'default' },
  spec: {
    from: 'group:default/checkout',
    to: 'group:default/order-flow',
    mode: 'x-as-a-service',
    purpose: 'p',
    status: 'active',
    ...spec,
  },
});

const checkout = 'group:default/checkout';
const today = '2026-11-21';

describe('describeTeamInteractions', () => {
  it.each([
    [
      'offering x-as-a-service',
      {},
      'provides a service to',
      'group:default/order-flow',
    ],
    [
      'receiving x-as-a-service',
      { from: 'group:default/customer-accounts', to: checkout },
      'consumes a service from',
      'group:default/customer-accounts',
    ],
    [
      'facilitating',
      { mode: 'facilitating', reviewBy: '2027-01-01' },
      'facilitates',
      'group:default/order-flow',
    ],
    [
      'being facilitated',
      {
        mode: 'facilitating',
        from: 'group:default/reliability-enablement',
        to: checkout,
        reviewBy: '2027-01-01',
      },
      'is facilitated by',
      'group:default/reliability-enablement',
    ],
    [
      'collaborating (either side)',
      {
        mode: 'collaboration',
        from: 'group:default/order-flow',
        to: 'Group:default/Checkout',
        reviewBy: '2027-01-01',
      },
      'collaborates with',
      'group:default/order-flow',
    ],
  ] as const)('%s', (_name, spec, verb, other) => {
    const [view] = describeTeamInteractions(
      checkout,
      [interaction('i', spec as any)],
      today,
    );
    expect(view.verb).toBe(verb);
    expect(view.otherTeamRef).toBe(other);
  });

  it.each([
    [
      'active collaboration past its review date',
      { mode: 'collaboration', reviewBy: '2026-09-30' },
      true,
    ],
    [
      'active collaboration reviewed today',
      { mode: 'collaboration', reviewBy: '2026-11-21' },
      false,
    ],
    [
      'ended collaboration past its review date',
      { mode: 'collaboration', status: 'ended', reviewBy: '2026-03-31' },
      false,
    ],
    ['x-as-a-service never needs a review', { reviewBy: '2020-01-01' }, false],
    ['facilitation without review date', { mode: 'facilitating' }, false],
  ] as const)('overdue: %s', (_name, spec, overdue) => {
    expect(
      describeTeamInteractions(
        checkout,
        [interaction('i', spec as any)],
        today,
      )[0].overdue,
    ).toBe(overdue);
  });

  it('orders active, then planned, then ended, soonest review first', () => {
    const views = describeTeamInteractions(
      checkout,
      [
        interaction('ended', { status: 'ended' }),
        interaction('planned', { status: 'planned' }),
        interaction('active-late', {
          mode: 'collaboration',
          reviewBy: '2027-05-01',
        }),
        interaction('active-soon', {
          mode: 'collaboration',
          reviewBy: '2026-12-01',
        }),
        interaction('active-service', {}),
      ],
      today,
    );
    expect(views.map(v => v.interactionRef)).toEqual([
      'teaminteraction:default/active-soon',
      'teaminteraction:default/active-late',
      'teaminteraction:default/active-service',
      'teaminteraction:default/planned',
      'teaminteraction:default/ended',
    ]);
  });
});

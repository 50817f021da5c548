import { OrgSnapshot } from '@teamflow/plugin-teamflow-common';
import { packSnapshot, unpackSnapshot } from './pack';

const snapshot: OrgSnapshot = {
  takenOn: '2026-12-01',
  teams: [
    {
      ref: 'group:default/checkout',
      title: 'Checkout',
      type: 'stream-aligned',
      valueStream: 'shopping',
      members: 3,
    },
    {
      ref: 'group:default/infra',
      title: 'Infra',
      type: 'platform',
      members: 5,
    },
  ],
  owners: {
    'component:default/basket': 'group:default/checkout',
    // Owned by a person, and by nobody: both must come back as they were.
    'component:default/banner': 'user:default/maya',
    'component:default/orphan': null,
  },
  edges: [
    {
      from: 'group:default/checkout',
      to: 'group:default/infra',
      classification: 'declared-and-observed',
      blocking: true,
      overdue: true,
      weight: 4,
    },
    {
      from: 'group:default/infra',
      to: 'group:default/checkout',
      classification: 'observed-undeclared',
      blocking: false,
      overdue: true,
    },
    {
      from: 'group:default/infra',
      to: 'group:default/checkout',
      classification: 'declared-only',
      blocking: true,
      overdue: false,
      weight: 0,
    },
    {
      from: 'group:default/checkout',
      to: 'group:default/checkout',
      classification: 'declared-only',
      blocking: false,
      overdue: true,
      weight: 0,
      coaching: true,
    },
  ],
  personas: [
    {
      ref: 'persona:default/shopper',
      title: 'Shopper',
      servedBy: ['group:default/checkout'],
      lifecycle: 'production',
    },
  ],
  load: [
    { teamRef: 'group:default/checkout', score: 50.4, band: 'overloaded' },
    { teamRef: 'group:default/infra', score: 12, band: 'low' },
  ],
};

describe('kept snapshots', () => {
  it('come back exactly as they were taken, packed much smaller', () => {
    const packed = packSnapshot(snapshot);
    expect(packed.startsWith('gz1:')).toBe(true);
    expect(unpackSnapshot(packed)).toEqual(snapshot);
  });

  it('written before packing (plain JSON) still read', () => {
    expect(unpackSnapshot(JSON.stringify(snapshot))).toEqual(snapshot);
  });
});

import { Entity } from '@backstage/catalog-model';
import {
  validEntityRef,
  validatePersona,
  validateTeamInteraction,
  validateTeamflowMetadata,
} from './validation';
import { getTeamType } from './teams';

const persona = (spec: Record<string, unknown>): Entity => ({
  apiVersion: 'teamflow.io/v1alpha1',
  kind: 'Persona',
  metadata: { name: 'courier' },
  spec: {
    type: 'operator',
    owner: 'group:default/courier-app',
    lifecycle: 'validated',
    ...spec,
  },
});

const interaction = (spec: Record<string, unknown>): Entity => ({
  apiVersion: 'teamflow.io/v1alpha1',
  kind: 'TeamInteraction',
  metadata: { name: 'i' },
  spec: {
    from: 'group:default/data-platform',
    to: 'group:default/search-relevance',
    mode: 'x-as-a-service',
    purpose: 'Event bus for ranking models',
    status: 'active',
    ...spec,
  },
});

const group = (
  labels: Record<string, string>,
  annotations: Record<string, string> = {},
): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Group',
  metadata: { name: 'checkout', labels, annotations },
  spec: { type: 'team', children: [] },
});

describe('validatePersona', () => {
  it.each([
    ['a minimal persona', {}, []],
    [
      'a full persona',
      {
        segments: ['e-bike couriers'],
        goals: ['Earn predictably'],
        pains: ['Waiting at stores'],
        jobs: [
          {
            when: 'I start a shift',
            want: 'a ready batch',
            soThat: 'I do not wait',
          },
        ],
        servedBy: ['courier-app', 'group:default/route-optimisation'],
        uses: [
          {
            entityRef: 'component:courier-app',
            frequency: 'daily',
            why: 'Runs the shift',
          },
        ],
      },
      [],
    ],
    [
      'an unknown type',
      { type: 'shopper' },
      [
        {
          field: 'spec.type',
          message:
            "must be one of end-user, buyer, admin, operator, internal-developer, got 'shopper'",
        },
      ],
    ],
    [
      'a servedBy that is a User',
      { servedBy: ['group:default/a', 'user:default/maya'] },
      [
        {
          field: 'spec.servedBy[1]',
          message: "must refer to a Group, got 'user:default/maya'",
        },
      ],
    ],
    [
      'servedBy that is not a list',
      { servedBy: 'group:default/a' },
      [
        {
          field: 'spec.servedBy',
          message: "must be a list, got 'group:default/a'",
        },
      ],
    ],
    [
      'a job missing soThat',
      { jobs: [{ when: 'w', want: 'x' }] },
      [{ field: 'spec.jobs[0].soThat', message: 'is required' }],
    ],
    [
      'a use of a Group with a bad frequency',
      { uses: [{ entityRef: 'group:default/a', frequency: 'hourly' }] },
      [
        {
          field: 'spec.uses[0].entityRef',
          message:
            "must refer to a Component or System or API, got 'group:default/a'",
        },
        {
          field: 'spec.uses[0].frequency',
          message:
            "must be one of daily, weekly, monthly, rarely, got 'hourly'",
        },
      ],
    ],
    [
      'a goal that is a number',
      { goals: ['ok', 42] },
      [
        {
          field: 'spec.goals[1]',
          message: 'must be a non-empty string, got number',
        },
      ],
    ],
    [
      'a missing owner and lifecycle',
      { owner: undefined, lifecycle: undefined },
      [
        { field: 'spec.owner', message: 'is required' },
        { field: 'spec.lifecycle', message: 'is required' },
      ],
    ],
  ])('%s', (_name, spec, expected) => {
    expect(validatePersona(persona(spec))).toEqual(expected);
  });

  it('reports a spec that is not an object', () => {
    expect(validatePersona({ ...persona({}), spec: undefined })).toEqual([
      { field: 'spec', message: 'must be an object, got undefined' },
    ]);
  });
});

describe('validateTeamInteraction', () => {
  it.each([
    ['x-as-a-service without reviewBy', {}, []],
    [
      'collaboration with reviewBy',
      {
        mode: 'collaboration',
        startDate: '2026-04-01',
        reviewBy: '2026-09-30',
      },
      [],
    ],
    [
      'collaboration without reviewBy',
      { mode: 'collaboration' },
      [
        {
          field: 'spec.reviewBy',
          message:
            'is required for collaboration, which is temporary by definition',
        },
      ],
    ],
    [
      'facilitating without reviewBy',
      { mode: 'facilitating' },
      [
        {
          field: 'spec.reviewBy',
          message:
            'is required for facilitating, which is temporary by definition',
        },
      ],
    ],
    [
      'an unknown mode',
      { mode: 'pairing' },
      [
        {
          field: 'spec.mode',
          message:
            "must be one of collaboration, x-as-a-service, facilitating, got 'pairing'",
        },
      ],
    ],
    [
      'a review before the start',
      { startDate: '2026-05-01', reviewBy: '2026-04-30' },
      [
        {
          field: 'spec.reviewBy',
          message: 'must not be before spec.startDate (2026-05-01)',
        },
      ],
    ],
    [
      'an impossible date',
      { startDate: '2026-02-30' },
      [
        {
          field: 'spec.startDate',
          message: "must be a date as YYYY-MM-DD, got '2026-02-30'",
        },
      ],
    ],
    [
      'a team interacting with itself',
      { to: 'group:default/data-platform' },
      [
        {
          field: 'spec.to',
          message: 'must be a different team than spec.from',
        },
      ],
    ],
    [
      'a component as a team',
      { from: 'component:default/x' },
      [
        {
          field: 'spec.from',
          message: "must refer to a Group, got 'component:default/x'",
        },
      ],
    ],
    [
      'an unknown severity and status',
      { status: 'paused', dependency: { severity: 'fatal' } },
      [
        {
          field: 'spec.status',
          message: "must be one of planned, active, ended, got 'paused'",
        },
        {
          field: 'spec.dependency.severity',
          message: "must be one of ok, slowing, blocking, got 'fatal'",
        },
      ],
    ],
    [
      'a purpose that is a number',
      { purpose: 7 },
      [
        {
          field: 'spec.purpose',
          message: 'must be a non-empty string, got number',
        },
      ],
    ],
  ])('%s', (_name, spec, expected) => {
    expect(validateTeamInteraction(interaction(spec))).toEqual(expected);
  });
});

describe('validateTeamflowMetadata', () => {
  it.each([
    ['a plain Group with no Teamflow data', group({}), []],
    [
      'a typed team',
      group(
        { 'teamflow.io/team-type': 'enabling' },
        { 'teamflow.io/focus': 'SLOs' },
      ),
      [],
    ],
    [
      'an unknown team type',
      group({ 'teamflow.io/team-type': 'feature' }),
      [
        {
          field: 'metadata.labels[teamflow.io/team-type]',
          message:
            "must be one of stream-aligned, platform, enabling, complicated-subsystem, got 'feature'",
        },
      ],
    ],
    [
      'a platform grouping on a stream-aligned team',
      group(
        { 'teamflow.io/team-type': 'stream-aligned' },
        { 'teamflow.io/platform-grouping': 'engineering-platform' },
      ),
      [
        {
          field: 'metadata.annotations[teamflow.io/platform-grouping]',
          message:
            "is only for platform teams, but teamflow.io/team-type is 'stream-aligned'",
        },
      ],
    ],
    [
      'an unknown system complexity',
      {
        apiVersion: 'backstage.io/v1alpha1',
        kind: 'System',
        metadata: {
          name: 's',
          annotations: { 'teamflow.io/complexity': 'hard' },
        },
        spec: { owner: 'x' },
      } as Entity,
      [
        {
          field: 'metadata.annotations[teamflow.io/complexity]',
          message: "must be one of simple, complicated, complex, got 'hard'",
        },
      ],
    ],
  ])('%s', (_name, entity, expected) => {
    expect(validateTeamflowMetadata(entity)).toEqual(expected);
  });
});

describe('getTeamType', () => {
  it.each([
    [group({ 'teamflow.io/team-type': 'platform' }), 'platform'],
    [group({}), 'undeclared'],
    [group({ 'teamflow.io/team-type': 'feature' }), 'undeclared'],
    [
      { ...group({}), spec: { type: 'business-unit', children: [] } },
      undefined,
    ],
    [{ ...group({}), kind: 'User' }, undefined],
  ])('%#', (entity, expected) => {
    expect(getTeamType(entity)).toBe(expected);
  });
});

describe('validEntityRef', () => {
  it.each([
    ['checkout-service', 'component', 'component:default/checkout-service'],
    ['group:checkout', 'component', 'group:default/checkout'],
    ['Group:default/Checkout', 'group', 'group:default/checkout'],
    ['component:../..', 'component', undefined],
    ['group:../..', 'group', undefined],
    ['%', 'component', undefined],
    ['persona:default/', 'component', undefined],
    ['', 'component', undefined],
  ])('%s (default kind %s) → %s', (ref, kind, expected) => {
    expect(validEntityRef(ref, kind)).toBe(expected);
  });
});

import {
  ChangeRecord,
  DeploymentRecord,
} from '@teamflow/plugin-delivery-common';
import { sortDeployments } from './sortDeployments';

const deployment = (
  id: string,
  finishedAt: string,
  flags: Partial<DeploymentRecord> = {},
): DeploymentRecord => ({
  id,
  entityRef: 'component:default/checkout-service',
  teamRef: 'group:default/checkout',
  environment: 'production',
  finishedAt,
  status: 'success',
  rollback: false,
  source: 'github',
  failed: false,
  rework: false,
  recoveryHours: null,
  changes: 0,
  ...flags,
});
const change = (id: string, deploymentId: string, hours: number | null) =>
  ({
    id,
    entityRef: 'component:default/checkout-service',
    mergedAt: '2026-11-01T00:00:00Z',
    labels: [],
    deploymentId,
    leadTimeHours: hours,
  } as ChangeRecord);

// a: oldest, ships one change of 5 h; b: failed and rolled back, ships 30 h
// and 2 h (slowest 30 h); c: newest, ships nothing; d: rework, ships 12 h.
const deployments = [
  deployment('a', '2026-11-01T10:00:00Z'),
  deployment('b', '2026-11-03T10:00:00Z', { failed: true, rollback: true }),
  deployment('c', '2026-11-05T10:00:00Z'),
  deployment('d', '2026-11-04T10:00:00Z', { rework: true }),
];
const changes = [
  change('1', 'a', 5),
  change('2', 'b', 30),
  change('3', 'b', 2),
  change('4', 'd', 12),
];
const changesOf = (id: string) => changes.filter(c => c.deploymentId === id);
const ids = (by: 'finished' | 'verdict' | 'lead', descending: boolean) =>
  sortDeployments(deployments, { by, descending }, changesOf).map(d => d.id);

describe('the drill-down deployments in the chosen order', () => {
  it('sorts by time, newest first by default and oldest first reversed', () => {
    expect(ids('finished', true)).toEqual(['c', 'd', 'b', 'a']);
    expect(ids('finished', false)).toEqual(['a', 'b', 'd', 'c']);
  });

  it('puts the worst verdicts first, ties newest first', () => {
    // b failed + rollback (6), d rework (1), c and a fine (0; c is newer).
    expect(ids('verdict', true)).toEqual(['b', 'd', 'c', 'a']);
    expect(ids('verdict', false)).toEqual(['c', 'a', 'd', 'b']);
  });

  it('sorts by the slowest change shipped, deployments that shipped none last', () => {
    expect(ids('lead', true)).toEqual(['b', 'd', 'a', 'c']);
    expect(ids('lead', false)).toEqual(['a', 'd', 'b', 'c']);
  });
});

import { ChangeEvent, DeploymentEvent, IncidentEvent } from './definitions';
import { computeFlowMetrics } from './metrics';

const svc = 'component:default/svc';
const dep = (
  id: string,
  finishedAt: string,
  over: Partial<DeploymentEvent> = {},
): DeploymentEvent => ({
  id,
  entityRef: svc,
  environment: 'production',
  finishedAt: `2026-${finishedAt}:00Z`,
  status: 'success',
  ...over,
});
const change = (
  id: string,
  mergedAt: string,
  over: Partial<ChangeEvent> = {},
): ChangeEvent => ({
  id,
  entityRef: svc,
  mergedAt: `2026-${mergedAt}:00Z`,
  ...over,
});
const incident = (
  id: string,
  startedAt: string,
  over: Partial<IncidentEvent> = {},
): IncidentEvent => ({
  id,
  entityRef: svc,
  startedAt: `2026-${startedAt}:00Z`,
  ...over,
});

// One week: 1 to 8 November 2026.
const week = (
  events: {
    deployments?: DeploymentEvent[];
    changes?: ChangeEvent[];
    incidents?: IncidentEvent[];
  },
  definitions = {},
) =>
  computeFlowMetrics({
    deployments: events.deployments ?? [],
    changes: events.changes ?? [],
    incidents: events.incidents ?? [],
    from: '2026-11-01T00:00:00Z',
    to: '2026-11-08T00:00:00Z',
    definitions: { minimumSample: 1, ...definitions },
  });

describe('computeFlowMetrics', () => {
  it('attributes old changes to the deployment that shipped them after a long gap, not a failed one', () => {
    const m = week({
      deployments: [
        dep('d0', '10-01T10:00'), // before the window
        dep('d1', '11-02T10:00', { status: 'failure' }),
        dep('d2', '11-02T12:00'),
      ],
      changes: [
        change('c1', '10-05T10:00', { firstCommitAt: '2026-10-04T10:00:00Z' }),
        change('c2', '10-20T10:00'),
      ],
    });
    expect(m.attribution.changeDeployment).toEqual({ c1: 'd2', c2: 'd2' });
    // c1: 4 Oct 10:00 -> 2 Nov 12:00 = 29 d 2 h = 698 h; c2: 20 Oct 10:00 -> 2 Nov 12:00 = 314 h
    // median of two = 506; p75 = 314 + 384 × 0.75 = 602; p90 = 314 + 384 × 0.9 = 659.6
    expect(m.leadTimeHours).toEqual({
      status: 'ok',
      n: 2,
      median: 506,
      p75: 602,
      p90: 659.6,
    });
    // one successful deployment in 7 days, on one day
    expect(m.deploymentFrequency).toEqual({
      deployments: 1,
      perDay: 0.14,
      deployDaysPerWeek: 1,
    });
    // d1 failed of d1, d2; recovered by d2 two hours later
    expect(m.changeFailRate).toEqual({
      status: 'ok',
      n: 2,
      numerator: 1,
      rate: 0.5,
    });
    expect(m.recoveryTimeHours).toMatchObject({
      status: 'ok',
      n: 1,
      median: 2,
    });
    expect(m.coverage.deploymentsWithChanges).toBe(0.5);
  });

  it('links incidents explicitly before by time, and counts those with no deployment', () => {
    const m = week({
      deployments: [dep('d1', '11-02T10:00'), dep('d2', '11-03T10:00')],
      incidents: [
        // 2 h after d1: within the 24 h window
        incident('i1', '11-02T12:00', { resolvedAt: '2026-11-02T15:00:00Z' }),
        // 3 days after d2: no deployment
        incident('i2', '11-06T10:00'),
        // 1 h after d2, but explicitly caused by d1: the link wins
        incident('i3', '11-03T11:00', {
          deploymentId: 'd1',
          resolvedAt: '2026-11-03T12:00:00Z',
        }),
      ],
    });
    expect(m.attribution.incidentDeployment).toEqual({ i1: 'd1', i3: 'd1' });
    expect(m.coverage.incidentsWithoutDeployment).toBe(1);
    expect(m.changeFailRate).toMatchObject({ numerator: 1, n: 2, rate: 0.5 });
    // d1 recovered when its last incident was resolved: 2 Nov 10:00 -> 3 Nov 12:00 = 26 h
    expect(m.recoveryTimeHours).toMatchObject({ n: 1, median: 26 });
  });

  it('counts a deployment rolled back as failed, the rollback and a hotfix as rework, several a day once per day', () => {
    const m = week({
      deployments: [
        dep('d1', '11-04T09:00'),
        dep('d2', '11-04T11:00'),
        dep('d3', '11-04T11:30', { rollback: true }),
        dep('d4', '11-04T15:00', { changeIds: ['h1'] }),
      ],
      changes: [change('h1', '11-04T14:00', { labels: ['hotfix'] })],
    });
    // 4 deployments on one day in 7 days
    expect(m.deploymentFrequency).toEqual({
      deployments: 4,
      perDay: 0.57,
      deployDaysPerWeek: 1,
    });
    expect(m.attribution.failedDeployments).toEqual(['d2']);
    expect(m.changeFailRate).toMatchObject({ numerator: 1, n: 4, rate: 0.25 });
    // restored by the rollback half an hour later
    expect(m.recoveryTimeHours).toMatchObject({ n: 1, median: 0.5 });
    expect(m.attribution.reworkDeployments).toEqual(['d3', 'd4']);
    expect(m.reworkRate).toMatchObject({ numerator: 2, n: 4, rate: 0.5 });
  });

  it('fails the deployment of a reverted change and counts the revert as rework', () => {
    const m = week({
      deployments: [dep('d1', '11-02T10:00'), dep('d2', '11-02T16:00')],
      changes: [
        change('c1', '11-02T09:00'),
        change('r1', '11-02T15:00', { revertOf: 'c1' }),
      ],
    });
    expect(m.attribution.changeDeployment).toEqual({ c1: 'd1', r1: 'd2' });
    expect(m.attribution.failedDeployments).toEqual(['d1']);
    expect(m.attribution.reworkDeployments).toEqual(['d2']);
    // lead time from merge when there is no first commit: 1 h and 1 h
    expect(m.leadTimeHours).toMatchObject({ n: 2, median: 1 });
  });

  it.each([
    ['first-commit', 30],
    ['pr-opened', 10],
    ['merged', 2],
  ] as const)('starts lead time at %s', (leadTimeStart, hours) => {
    const m = week(
      {
        deployments: [dep('d1', '11-03T12:00')],
        changes: [
          change('c1', '11-03T10:00', {
            firstCommitAt: '2026-11-02T06:00:00Z',
            openedAt: '2026-11-03T02:00:00Z',
          }),
        ],
      },
      { leadTimeStart },
    );
    expect(m.leadTimeHours).toMatchObject({ median: hours });
  });

  it('says "not enough data" instead of a number from too few events', () => {
    const m = week(
      {
        deployments: [dep('d1', '11-02T10:00'), dep('d2', '11-03T10:00')],
        changes: [change('c1', '11-02T09:00')],
      },
      { minimumSample: 5 },
    );
    expect(m.leadTimeHours).toEqual({ status: 'not-enough-data', n: 1 });
    expect(m.changeFailRate).toEqual({ status: 'not-enough-data', n: 2 });
    expect(m.deploymentFrequency.deployments).toBe(2);
  });

  it('ignores other environments', () => {
    const m = week({
      deployments: [dep('s1', '11-02T10:00', { environment: 'staging' })],
    });
    expect(m.deploymentFrequency.deployments).toBe(0);
  });
});

import { screen, within } from '@testing-library/react';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import {
  EntityProvider,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import { Entity } from '@backstage/catalog-model';
import { FeatureUsage, UsageResponse } from '@teamflow/plugin-teamflow-common';
import { teamflowApiRef } from '../../api/TeamflowApi';
import { FeatureUsageCard, PersonaEngagementCard, PersonaUsageCard } from '.';

const slots: Entity = {
  apiVersion: 'teamflow.io/v1alpha1',
  kind: 'Feature',
  metadata: { name: 'express-slots', namespace: 'default' },
  spec: {},
};
const family: Entity = {
  apiVersion: 'teamflow.io/v1alpha1',
  kind: 'Persona',
  metadata: { name: 'family', namespace: 'default' },
  spec: { analytics: { rules: [{ segment: 'family' }] } },
};

const weekly = (n: number) =>
  Array.from({ length: 13 }, (_, i) => ({
    week: `2026-09-${String(i + 1).padStart(2, '0')}`,
    activeUsers: n,
  }));
const use = (over: Partial<FeatureUsage>): FeatureUsage => ({
  feature: 'feature:default/express-slots',
  persona: 'persona:default/family',
  activeUsers: 0,
  events: 0,
  newUsers: 0,
  retention: null,
  taskSuccess: null,
  happiness: null,
  weekly: weekly(0),
  targeted: false,
  ...over,
});
const response = (
  usage: FeatureUsage[],
  over: Partial<UsageResponse> = {},
): UsageResponse => ({
  from: '2026-11-02',
  to: '2026-11-23',
  weeks: 4,
  connected: true,
  lastEventAt: '2026-11-30T09:00:00.000Z',
  usage,
  thisWeek: [],
  ...over,
});

async function render(
  entity: Entity,
  card: JSX.Element,
  answer: UsageResponse,
) {
  const getUsage = jest.fn(async () => answer);
  await renderInTestApp(
    <TestApiProvider apis={[[teamflowApiRef, { getUsage } as any]]}>
      <EntityProvider entity={entity}>{card}</EntityProvider>
    </TestApiProvider>,
    { mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef } },
  );
  return getUsage;
}

describe('FeatureUsageCard', () => {
  it('says when a feature is used mostly by a persona it was not aimed at', async () => {
    const getUsage = await render(
      slots,
      <FeatureUsageCard />,
      response(
        [
          use({
            activeUsers: 600,
            events: 3120,
            newUsers: 140,
            retention: 0.62,
            weekly: weekly(600),
          }),
          use({
            persona: 'persona:default/last-minute',
            activeUsers: 150,
            events: 700,
            targeted: true,
            taskSuccess: 0.9,
            happiness: 4.25,
          }),
          use({ persona: 'unassigned', activeUsers: 50, events: 60 }),
        ],
        {
          thisWeek: [
            {
              feature: 'feature:default/express-slots',
              persona: 'persona:default/family',
              activeUsers: 212,
              events: 300,
            },
          ],
        },
      ),
    );
    expect(getUsage).toHaveBeenCalledWith({
      feature: 'feature:default/express-slots',
      weeks: 4,
    });
    // 600 of 800 weekly users = 75%.
    expect(
      await screen.findByText(
        'Aimed at one persona, used mostly by another: 75% of its weekly users are a persona it was not aimed at.',
      ),
    ).toBeInTheDocument();
    const rows = within(
      screen.getByRole('table', { name: 'Use per persona' }),
    ).getAllByRole('row');
    expect(rows[1]).toHaveTextContent(/600.*212.*3,120.*140.*62%.*–.*–/);
    expect(rows[2]).toHaveTextContent(/aimed at.*150.*0.*700.*0.*–.*90%.*4\.3/);
    expect(rows[3]).toHaveTextContent('No persona matched');
  });

  it('explains how to connect a source when none is', async () => {
    await render(
      slots,
      <FeatureUsageCard />,
      response([], { connected: false }),
    );
    expect(
      await screen.findByText(/No product analytics connected yet/),
    ).toBeInTheDocument();
  });

  it('says nobody used it, and since when nothing arrived', async () => {
    await render(
      slots,
      <FeatureUsageCard />,
      response([use({ targeted: true })], { lastEventAt: undefined }),
    );
    expect(
      await screen.findByText(
        'Nobody used it in the last 4 weeks. No event received from a source yet.',
      ),
    ).toBeInTheDocument();
  });
});

describe('PersonaUsageCard', () => {
  it('lists the features used most and flags the one aimed at it that does not reach it', async () => {
    await render(
      family,
      <PersonaUsageCard />,
      response([
        use({
          feature: 'feature:default/search',
          // 4 weeks of 100 then 4 of 75: −25%.
          weekly: weekly(100).map((w, i) =>
            i >= 9 ? { ...w, activeUsers: 75 } : w,
          ),
          activeUsers: 1350,
          events: 8700,
          retention: 0.8,
        }),
        use({ activeUsers: 600, events: 3120 }),
        use({
          feature: 'feature:default/recipes',
          targeted: true,
          lifecycle: 'launched',
        }),
        // Not launched yet: not reaching anyone is expected.
        use({
          feature: 'feature:default/comparison',
          targeted: true,
          lifecycle: 'building',
        }),
      ]),
    );
    expect(
      await screen.findByText(
        'One feature aimed at this persona does not reach it yet.',
      ),
    ).toBeInTheDocument();
    const rows = within(
      screen.getByRole('table', { name: 'Features used by this persona' }),
    ).getAllByRole('row');
    expect(rows[1]).toHaveTextContent(/1,350.*−25%.*8,700.*80%/);
    expect(rows[3]).toHaveTextContent('aimed at it, not reaching it');
    expect(rows[4]).toHaveTextContent('aimed at it · building');
  });

  it('asks for rules when the persona cannot be recognised', async () => {
    await render({ ...family, spec: {} }, <PersonaUsageCard />, response([]));
    expect(
      await screen.findByText(
        /cannot recognise this persona yet: declare spec.analytics.rules/,
      ),
    ).toBeInTheDocument();
  });
});

describe('PersonaEngagementCard', () => {
  it('lists personas falling first and counts those falling by 10% or more', async () => {
    const getEngagement = jest.fn(async () => ({
      from: '2026-11-02',
      to: '2026-11-23',
      weeks: 4,
      connected: true,
      personas: [
        {
          persona: 'persona:default/family',
          featureUsers: 1300,
          previousFeatureUsers: 2000,
          events: 9000,
          previousEvents: 12000,
          change: -35,
          topFeatures: ['feature:default/search'],
        },
        {
          persona: 'persona:default/courier',
          featureUsers: 910,
          previousFeatureUsers: 1000,
          events: 50,
          previousEvents: 60,
          change: -9,
          topFeatures: ['feature:default/photo'],
        },
        {
          persona: 'unassigned',
          featureUsers: 40,
          previousFeatureUsers: 0,
          events: 40,
          previousEvents: 0,
          change: null,
          topFeatures: [],
        },
      ],
    }));
    await renderInTestApp(
      <TestApiProvider apis={[[teamflowApiRef, { getEngagement } as any]]}>
        <PersonaEngagementCard />
      </TestApiProvider>,
      { mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef } },
    );
    // −35% is falling; −9% is not (the line is −10%).
    expect(
      await screen.findByText(
        '1 of 3 personas uses the product less than in the 4 weeks before.',
      ),
    ).toBeInTheDocument();
    const rows = within(
      screen.getByRole('table', { name: 'Persona engagement' }),
    ).getAllByRole('row');
    expect(rows[1]).toHaveTextContent('−35%');
    expect(rows[2]).toHaveTextContent('−9%');
    expect(rows[1]).toHaveTextContent('Uses most: search');
    expect(rows[3]).toHaveTextContent(/^No persona matched\s*new$/);
  });
});

import { screen } from '@testing-library/react';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import {
  EntityProvider,
  catalogApiRef,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import { catalogApiMock } from '@backstage/plugin-catalog-react/testUtils';
import { Entity } from '@backstage/catalog-model';
import { teamflowApiRef } from '../../api/TeamflowApi';
import { FeatureCard } from './FeatureCard';
import { PersonaFeaturesCard } from './PersonaFeaturesCard';
import { TeamFeaturesCard } from './TeamFeaturesCard';

const reorder: Entity = {
  apiVersion: 'teamflow.io/v1alpha1',
  kind: 'Feature',
  metadata: {
    name: 'one-tap-reorder',
    namespace: 'default',
    title: 'One-tap reorder',
  },
  spec: {
    owner: 'group:default/discovery',
    lifecycle: 'launched',
    implementedBy: ['component:default/shopper-app'],
    targets: [
      {
        persona: 'persona:default/weekly-family-shopper',
        why: 'Re-finding the same products every week',
      },
      { persona: 'persona:default/courier', why: 'Not this one' },
    ],
    outcome: 'Weekly shop in under 15 minutes',
    analytics: {
      events: ['Reorder Clicked'],
      success: ['Reorder Basket Submitted'],
      happiness: { event: 'Reorder Rated', property: 'score' },
    },
  },
};
const shopper = (targetedBy: string[]): Entity => ({
  apiVersion: 'teamflow.io/v1alpha1',
  kind: 'Persona',
  metadata: { name: 'weekly-family-shopper', namespace: 'default' },
  spec: {
    type: 'end-user',
    owner: 'group:default/discovery',
    lifecycle: 'validated',
  },
  relations: targetedBy.map(targetRef => ({
    type: 'teamflow.io/targetedBy',
    targetRef,
  })),
});

// The team's usage: 600 family shoppers a week and 100 more, after 4 weeks
// of 500 + 100 before: (700 − 600) / 600 = +17%.
const weekly = (last: number, before: number) =>
  Array.from({ length: 13 }, (_, i) => ({
    week: `2026-09-${String(i + 1).padStart(2, '0')}`,
    activeUsers: i >= 9 ? last : before,
  }));
const getUsage = jest.fn(async () => ({
  from: '2026-11-02',
  to: '2026-11-23',
  weeks: 4,
  connected: true,
  thisWeek: [],
  usage: [
    {
      feature: 'feature:default/one-tap-reorder',
      persona: 'persona:default/weekly-family-shopper',
      activeUsers: 600,
      weekly: weekly(600, 500),
    },
    {
      feature: 'feature:default/one-tap-reorder',
      persona: 'unassigned',
      activeUsers: 100,
      weekly: weekly(100, 100),
    },
  ],
}));

async function render(entity: Entity, node: JSX.Element) {
  await renderInTestApp(
    <TestApiProvider
      apis={[
        [catalogApiRef, catalogApiMock({ entities: [reorder] })],
        [teamflowApiRef, { getUsage } as any],
      ]}
    >
      <EntityProvider entity={entity}>{node}</EntityProvider>
    </TestApiProvider>,
    { mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef } },
  );
}

describe('PersonaFeaturesCard', () => {
  it('lists the features aimed at the persona with this persona’s why', async () => {
    await render(
      shopper(['feature:default/one-tap-reorder']),
      <PersonaFeaturesCard />,
    );
    expect(await screen.findByText('One-tap reorder')).toBeInTheDocument();
    expect(
      screen.getByText('Re-finding the same products every week'),
    ).toBeInTheDocument();
    expect(screen.queryByText('Not this one')).not.toBeInTheDocument();
    expect(screen.getByText('launched')).toBeInTheDocument();
  });

  it('says so when no feature is aimed at the persona', async () => {
    await render(shopper([]), <PersonaFeaturesCard />);
    expect(
      await screen.findByText(/No feature is aimed at this persona yet/),
    ).toBeInTheDocument();
  });
});

describe('FeatureCard', () => {
  it('shows whom the feature is for and why, and that usage needs analytics', async () => {
    await render(reorder, <FeatureCard />);
    expect(
      await screen.findByText('Re-finding the same products every week'),
    ).toBeInTheDocument();
    expect(
      screen.getByText('Weekly shop in under 15 minutes'),
    ).toBeInTheDocument();
    expect(screen.getByText('Reorder Clicked')).toBeInTheDocument();
    expect(
      screen.getByText('Succeeded: Reorder Basket Submitted; failed: –'),
    ).toBeInTheDocument();
    expect(screen.getByText('The score of Reorder Rated')).toBeInTheDocument();
  });
});

describe('TeamFeaturesCard', () => {
  const discovery = (owns: string[]): Entity => ({
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Group',
    metadata: { name: 'discovery', namespace: 'default' },
    spec: { type: 'team', children: [] },
    relations: owns.map(targetRef => ({ type: 'ownerOf', targetRef })),
  });

  it('lists the features the team owns with the outcome each should move', async () => {
    await render(
      discovery(['feature:default/one-tap-reorder', 'component:default/x']),
      <TeamFeaturesCard />,
    );
    expect(await screen.findByText('One-tap reorder')).toBeInTheDocument();
    expect(
      screen.getByText('Moves: Weekly shop in under 15 minutes'),
    ).toBeInTheDocument();
    expect(
      await screen.findByText(
        'Used by 700 users a week (+17% against the 4 weeks before)',
      ),
    ).toBeInTheDocument();
    expect(getUsage).toHaveBeenCalledWith({
      team: 'group:default/discovery',
      weeks: 4,
    });
  });

  it('says so when the team owns no feature', async () => {
    await render(discovery(['component:default/x']), <TeamFeaturesCard />);
    expect(
      await screen.findByText('This team owns no Feature entity yet.'),
    ).toBeInTheDocument();
  });
});

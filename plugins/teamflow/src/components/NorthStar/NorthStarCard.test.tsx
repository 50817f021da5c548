import { screen, within } from '@testing-library/react';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import { NorthStarMetricValues } from '@teamflow/plugin-teamflow-common';
import { teamflowApiRef } from '../../api/TeamflowApi';
import { NorthStarCard } from './NorthStarCard';

const weekly = (values: Array<number | null>) =>
  values.map((value, i) => ({
    week: `2026-09-${String(i + 1).padStart(2, '0')}`,
    value,
  }));
const metric = (
  over: Partial<NorthStarMetricValues>,
): NorthStarMetricValues => ({
  name: 'm',
  source: { series: 's' },
  weekly: weekly([]),
  latest: null,
  change: null,
  teams: [],
  ...over,
});

async function render(trees: unknown[]) {
  await renderInTestApp(
    <TestApiProvider
      apis={[[teamflowApiRef, { getNorthStars: async () => trees } as any]]}
    >
      <NorthStarCard />
    </TestApiProvider>,
    { mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef } },
  );
}

describe('NorthStarCard', () => {
  it('shows the North Star and each input in its unit, with change and the teams moving it', async () => {
    await render([
      {
        domain: 'domain:default/shopping-experience',
        northStar: metric({
          name: 'Weekly shops completed',
          latest: 6312.4,
          change: 18,
          weekly: weekly([5200, 5300, 6312.4]),
        }),
        inputs: [
          metric({
            name: 'Reorders completed',
            source: {
              feature: 'feature:default/one-tap-reorder',
              figure: 'taskSuccess',
            },
            latest: 0.897,
            change: 21,
            teams: ['group:default/discovery'],
          }),
          metric({
            name: 'Happiness',
            source: { feature: 'feature:default/x', figure: 'happiness' },
            latest: 4.36,
            change: -7,
          }),
          metric({ name: 'Not fed yet', latest: null, change: null }),
        ],
      },
    ]);
    expect(
      await screen.findByText('Weekly shops completed'),
    ).toBeInTheDocument();
    expect(screen.getByText('6,312')).toBeInTheDocument();
    expect(screen.getByText('+18%')).toBeInTheDocument();
    const rows = within(
      screen.getByRole('table', { name: 'Inputs of Weekly shops completed' }),
    ).getAllByRole('row');
    expect(rows[1]).toHaveTextContent(
      /Reorders completed\s*90%\s*\+21%\s*discovery/,
    );
    expect(rows[2]).toHaveTextContent(/Happiness\s*4\.4\s*−7%\s*–/);
    expect(rows[3]).toHaveTextContent(/Not fed yet\s*–\s*–\s*–/);
  });

  it('says how to declare one when no product area has a North Star', async () => {
    await render([]);
    expect(
      await screen.findByText(/No product area declares a North Star yet/),
    ).toBeInTheDocument();
  });
});

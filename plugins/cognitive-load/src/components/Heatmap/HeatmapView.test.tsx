import { screen } from '@testing-library/react';
import { TestApiProvider, renderInTestApp } from '@backstage/test-utils';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import { cognitiveLoadApiRef, Heatmap } from '../../api/CognitiveLoadApi';
import { HeatmapView } from './HeatmapView';

const wave = {
  id: 'w1',
  title: 'Q3 pulse',
  instrumentId: 'teamflow-default',
  instrumentVersion: 1,
  opensAt: '2026-09-01T00:00:00.000Z',
  closesAt: '2026-09-20T00:00:00.000Z',
  status: 'closed' as const,
  createdBy: 'user:default/lars.berg',
  teamCount: 3,
};
const r = (median: number) => ({
  median,
  p25: median - 5,
  p75: median + 5,
  n: 5,
});
const heatmap: Heatmap = {
  k: 5,
  waves: [wave],
  wave,
  rows: [
    {
      ref: 'group:default/shop',
      title: 'Shop',
      depth: 0,
      surveyed: false,
      status: 'suppressed',
    },
    {
      ref: 'group:default/team-a',
      title: 'Team A',
      type: 'stream-aligned',
      parentRef: 'group:default/shop',
      depth: 1,
      surveyed: true,
      status: 'released',
      scores: {
        n: 5,
        load: r(62),
        subscales: {
          intrinsic: r(40),
          extraneous: r(71),
          flow: r(75),
          germane: r(30),
        },
      },
    },
    {
      ref: 'group:default/team-c',
      title: 'Team C',
      type: 'platform',
      depth: 1,
      surveyed: true,
      status: 'not-enough-responses',
    },
    {
      ref: 'group:default/team-d',
      title: 'Team D',
      depth: 1,
      surveyed: true,
      status: 'no-data',
    },
  ],
};

describe('HeatmapView', () => {
  it('shows released teams as numbers and every withheld group with its reason, never a number', async () => {
    await renderInTestApp(
      <TestApiProvider
        apis={[
          [
            cognitiveLoadApiRef,
            {
              getHeatmap: async () => heatmap,
              getStructuralLoads: async () =>
                new Map([
                  ['group:default/team-a', { score: 50.4, band: 'overloaded' }],
                ]),
            },
          ],
        ]}
      >
        <HeatmapView />
      </TestApiProvider>,
      { mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef } },
    );
    const row = (name: string) => screen.getByText(name).closest('tr')!;
    expect(row('Team A')).toHaveTextContent('62');
    expect(row('Team A')).toHaveTextContent('57–67');
    // perceived beside structural load
    expect(row('Team A')).toHaveTextContent('50.4 (overloaded)');
    expect(row('Shop')).toHaveTextContent(
      'Hidden: would reveal a smaller group',
    );
    expect(row('Team C')).toHaveTextContent('Not enough responses');
    expect(row('Team D')).toHaveTextContent('No data');
    expect(row('Team C').textContent).not.toMatch(/\d/);
  });

  it('explains the results permission instead of failing', async () => {
    const forbidden = Object.assign(new Error('forbidden'), {
      response: { status: 403 },
    });
    await renderInTestApp(
      <TestApiProvider
        apis={[
          [
            cognitiveLoadApiRef,
            {
              getHeatmap: async () => Promise.reject(forbidden),
              getStructuralLoads: async () => new Map(),
            },
          ],
        ]}
      >
        <HeatmapView />
      </TestApiProvider>,
    );
    expect(
      await screen.findByText('The org heatmap needs the results permission'),
    ).toBeInTheDocument();
  });
});

import { screen } from '@testing-library/react';
import { TestApiProvider, renderInTestApp } from '@backstage/test-utils';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import { cognitiveLoadApiRef, Heatmap } from '../../api/CognitiveLoadApi';
import { teamflowApiRef } from '@teamflow/plugin-teamflow';
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
const r = (median: number, spread?: 'narrow' | 'wide') => ({
  median,
  n: 12,
  ...(spread ? { spread } : {}),
});
const heatmap: Heatmap = {
  k: 5,
  waves: [wave],
  wave,
  previousWave: { ...wave, id: 'w0', title: 'Q2 pulse' },
  coverage: { teams: 3, teamsWithResults: 1, people: 14 },
  rows: [
    {
      ref: 'group:default/shop',
      title: 'Shop',
      depth: 0,
      surveyed: false,
      status: 'suppressed',
    },
    {
      ref: 'group:default/partners',
      title: 'Partners',
      depth: 0,
      surveyed: false,
      status: 'released',
      scores: {
        n: 5,
        load: { median: 73, n: 5, private: { expectedError: 20, epsilon: 1 } },
        subscales: {},
        withheld: [],
      },
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
        n: 12,
        load: r(62, 'wide'),
        subscales: {
          intrinsic: r(40),
          extraneous: r(71),
          germane: r(30),
        },
        // flow: too few answered that part
        withheld: ['flow'],
      },
      change: {
        fromWaveId: 'w0',
        fromWaveTitle: 'Q2 pulse',
        load: -4,
        subscales: {},
      },
    },
    {
      ref: 'group:default/team-c',
      title: 'Team C',
      type: 'platform',
      depth: 1,
      surveyed: true,
      status: 'not-enough-responses',
      countedIn: { ref: 'group:default/shop', title: 'Shop' },
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
            },
          ],
          [
            teamflowApiRef,
            {
              getAllStructuralLoad: async () =>
                [
                  {
                    teamRef: 'group:default/team-a',
                    score: 50.4,
                    band: 'overloaded',
                  },
                ] as any,
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
    // the spread as a band, never quartiles
    expect(row('Team A')).toHaveTextContent('answers far apart');
    expect(row('Team A')).toHaveTextContent('−4');
    expect(row('Team A')).toHaveTextContent('withheld');
    expect(
      screen.getByText(/results for 1 of 3 surveyed teams, 14 people/),
    ).toBeInTheDocument();
    // perceived beside structural load
    expect(row('Team A')).toHaveTextContent('50.4 (overloaded)');
    expect(row('Shop')).toHaveTextContent(
      'Hidden: would reveal a smaller group',
    );
    // a differentially private roll-up: an estimate with its error
    expect(row('Partners')).toHaveTextContent('≈73±20 (private)');
    expect(row('Team C')).toHaveTextContent(
      'Not enough responses · counted in Shop',
    );
    expect(row('Team D')).toHaveTextContent('No data');
    expect(row('Team C').textContent).not.toMatch(/\d/);
    expect(row('Shop')).not.toHaveTextContent(/\d/);
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
            },
          ],
        ]}
      >
        <HeatmapView />
      </TestApiProvider>,
    );
    expect(
      await screen.findByText(
        "The org heatmap is for people who read every team's results",
      ),
    ).toBeInTheDocument();
    // no raw permission ids on the page
    expect(document.body.textContent).not.toMatch(/cognitive-load\./);
  });
});

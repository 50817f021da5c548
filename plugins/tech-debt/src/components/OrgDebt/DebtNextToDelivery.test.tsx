import { screen } from '@testing-library/react';
import { TestApiProvider, renderInTestApp } from '@backstage/test-utils';
import { deliveryApiRef } from '@teamflow/plugin-delivery';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import { DebtNextToDelivery } from './DebtNextToDelivery';

const rate = (r: number, n: number) => ({ status: 'ok', rate: r, n });

describe('DebtNextToDelivery', () => {
  it('weighs each team by its change fail rate and names debt no team owns', async () => {
    const org = {
      teams: [
        {
          teamRef: 'group:default/order-flow',
          summary: {
            changeFailRate: rate(0.25, 40),
            leadTimeHours: { status: 'ok', median: 30, n: 40 },
          },
        },
      ],
    };
    await renderInTestApp(
      <TestApiProvider
        apis={[
          [
            deliveryApiRef,
            {
              getOrganisation: async (query: object) => {
                expect(query).toEqual({ teamTrends: false });
                return org as any;
              },
            },
          ],
        ]}
      >
        <DebtNextToDelivery
          byTeam={[
            { teamRef: 'group:default/order-flow', open: 3, score: 40 },
            // Debt on entities without an owner: no team, no delivery.
            { teamRef: 'unowned', open: 1, score: 12 },
          ]}
        />
      </TestApiProvider>,
      { mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef } },
    );
    const rows = await screen.findAllByRole('row');
    // Order Flow: 40 × (1 + 0.25) = 50; unowned: 12 × 1.
    expect(rows.map(r => r.textContent)).toEqual([
      'TeamDebt scoreChange fail rateLead timeWeighted',
      expect.stringMatching(/^order-flow4025%.*50$/),
      'Not owned by a team12——12',
    ]);
  });

  it('weighs nothing without delivery in the portal, and says so', async () => {
    await renderInTestApp(
      <TestApiProvider apis={[]}>
        <DebtNextToDelivery
          byTeam={[{ teamRef: 'group:default/order-flow', open: 3, score: 40 }]}
        />
      </TestApiProvider>,
      { mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef } },
    );
    expect(
      await screen.findByText(
        'Delivery metrics are not installed in this portal, so debt is not weighted by delivery.',
      ),
    ).toBeInTheDocument();
  });
});

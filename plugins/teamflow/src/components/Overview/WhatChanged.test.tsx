import { screen } from '@testing-library/react';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { catalogApiRef, entityRouteRef } from '@backstage/plugin-catalog-react';
import { catalogApiMock } from '@backstage/plugin-catalog-react/testUtils';
import { ChangesResponse } from '@teamflow/plugin-teamflow-common';
import { TeamflowApi, teamflowApiRef } from '../../api/TeamflowApi';
import { WhatChangedCard } from './WhatChanged';

async function render(answer: ChangesResponse) {
  const api = { getChanges: async () => answer } as unknown as TeamflowApi;
  await renderInTestApp(
    <TestApiProvider
      apis={[
        [teamflowApiRef, api],
        [catalogApiRef, catalogApiMock({ entities: [] })],
      ]}
    >
      <WhatChangedCard mapLink="/teamflow/map" />
    </TestApiProvider>,
    { mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef } },
  );
}

describe('WhatChangedCard', () => {
  it('writes each change as a sentence with its links', async () => {
    await render({
      status: 'ok',
      from: { requested: '2026-11-23', snapshotOn: '2026-11-23' },
      to: { requested: '2026-11-30', snapshotOn: '2026-11-30' },
      changes: [
        {
          kind: 'team-created',
          refs: ['group:default/search'],
          title: 'Search',
        },
        {
          kind: 'owner-moved',
          refs: [
            'component:default/pricing',
            'group:default/store-ops',
            'group:default/legacy',
          ],
          from: 'group:default/legacy',
          to: 'group:default/store-ops',
        },
        {
          kind: 'load-band',
          refs: ['group:default/checkout'],
          title: 'Checkout',
          from: 'moderate',
          to: 'high',
          score: 13.5,
        },
        {
          kind: 'debt-change',
          refs: ['group:default/order-flow'],
          title: 'Order Flow',
          from: { open: 9, score: 281.7 },
          to: { open: 10, score: 306.2 },
        },
        {
          kind: 'delivery-shift',
          refs: ['group:default/order-flow'],
          title: 'Order Flow',
          metric: 'leadTimeHours',
          from: 150,
          to: 225,
          better: false,
        },
        {
          kind: 'delivery-shift',
          refs: ['group:default/checkout'],
          title: 'Checkout',
          metric: 'changeFailRate',
          from: 0.3,
          to: 0.2,
          better: true,
        },
      ],
    });
    expect(
      await screen.findByText('23 Nov 2026 → 30 Nov 2026'),
    ).toBeInTheDocument();
    const lines = screen.getAllByRole('listitem').map(li => li.textContent);
    expect(lines).toEqual([
      'New team Search',
      'pricing moved to store-ops from legacy',
      'Checkout rose to high structural load (13.5, was moderate)',
      "Order Flow's open debt rose to 306.2 (10 items; was 281.7, 9 items) (tech debt)",
      "Order Flow's change lead time worsened to 9.4 days (was 6.3 days) (delivery)",
      "Checkout's change fail rate improved to 20% (was 30%) (delivery)",
    ]);
    expect(screen.getByRole('link', { name: 'tech debt' })).toHaveAttribute(
      'href',
      '/catalog/default/group/order-flow/tech-debt',
    );
    expect(screen.getByRole('link', { name: 'Search' })).toHaveAttribute(
      'href',
      '/catalog/default/group/search',
    );
  });

  it('says when the history is too short to compare', async () => {
    await render({ status: 'not-enough-history', earliest: '2026-11-28' });
    expect(
      await screen.findByText(
        'The history starts on 28 Nov 2026: a week after it, this card compares the two.',
      ),
    ).toBeInTheDocument();
  });

  it('says so when nothing changed', async () => {
    await render({
      status: 'ok',
      from: { requested: '2026-11-23', snapshotOn: '2026-11-23' },
      to: { requested: '2026-11-30', snapshotOn: '2026-11-30' },
      changes: [],
    });
    expect(
      await screen.findByText(
        'No change in teams, owners, dependencies between teams, structural load, debt or delivery.',
      ),
    ).toBeInTheDocument();
  });
});

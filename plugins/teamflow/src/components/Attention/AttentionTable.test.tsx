import { screen } from '@testing-library/react';
import { renderInTestApp } from '@backstage/test-utils';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import { AttentionResponse } from '@teamflow/plugin-teamflow-common';
import { AttentionTable } from './AttentionTable';

describe('AttentionTable', () => {
  it('names the last day the delivery window covers, not the midnight after it', async () => {
    // The delivery backend's 90 days up to 6 Dec: [8 Sep, 7 Dec) UTC.
    const answer: AttentionResponse = {
      generatedAt: '2026-12-06T09:00:00.000Z',
      sources: {
        delivery: { status: 'ok' },
        techDebt: { status: 'ok' },
        cognitiveLoad: { status: 'ok' },
      },
      deliveryWindow: {
        from: '2026-09-08T00:00:00.000Z',
        to: '2026-12-07T00:00:00.000Z',
      },
      teams: [],
    };
    await renderInTestApp(
      <AttentionTable answer={answer} mapLink="/teamflow/map" />,
      { mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef } },
    );
    expect(
      screen.getByText(
        /Delivery covers 8 Sep 2026 to 6 Dec 2026 \(the last 90 days\)/,
      ),
    ).toBeInTheDocument();
  });
});

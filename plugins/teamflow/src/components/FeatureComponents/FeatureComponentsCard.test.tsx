import { screen, within } from '@testing-library/react';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { discoveryApiRef, fetchApiRef } from '@backstage/core-plugin-api';
import {
  EntityProvider,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import { Entity } from '@backstage/catalog-model';
import { FeatureComponentsCard } from './FeatureComponentsCard';

const feature: Entity = {
  apiVersion: 'teamflow.io/v1alpha1',
  kind: 'Feature',
  metadata: { name: 'express-slots', namespace: 'default' },
  spec: {
    owner: 'group:default/checkout',
    lifecycle: 'launched',
    implementedBy: [
      'component:default/slots-service',
      'component:default/checkout-web',
    ],
  },
};

const summary = (deployments: number) => ({
  summary: {
    window: { from: '2026-09-02', to: '2026-12-01', days: 90 },
    deploymentFrequency: {
      deployments,
      perDay: deployments / 90,
      deployDaysPerWeek: 1,
    },
    leadTimeHours: { status: 'ok', n: 40, median: 30.5, p75: 40, p90: 60 },
    changeFailRate: { status: 'ok', n: 90, numerator: 9, rate: 0.1 },
  },
});
const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), {
    status,
    headers: { 'Content-Type': 'application/json' },
  });

async function render(entity: Entity) {
  const fetch = jest.fn(async (url: string) => {
    if (url.startsWith('http://delivery/metrics'))
      return json(url.includes('slots-service') ? summary(90) : summary(0));
    if (url.includes('slots-service'))
      return json({
        items: [
          { status: 'open', score: 11.6 },
          { status: 'in-progress', score: 4 },
          { status: 'resolved', score: 30 },
        ],
      });
    return json({ error: { name: 'NotAllowedError', message: 'no' } }, 403);
  });
  await renderInTestApp(
    <TestApiProvider
      apis={[
        [fetchApiRef, { fetch } as any],
        [
          discoveryApiRef,
          { getBaseUrl: async (id: string) => `http://${id}` } as any,
        ],
      ]}
    >
      <EntityProvider entity={entity}>
        <FeatureComponentsCard />
      </EntityProvider>
    </TestApiProvider>,
    { mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef } },
  );
  return fetch;
}

describe('FeatureComponentsCard', () => {
  it('shows each implementing component with its delivery and open debt', async () => {
    await render(feature);
    const table = await screen.findByRole('table', {
      name: 'Components implementing this feature',
    });
    const rows = within(table).getAllByRole('row');
    // 90 deployments in 90 days; median lead time 30.5 h; 9 of 90 failed; two open items, 11.6 + 4.
    expect(rows[1]).toHaveTextContent(
      /slots-service\s*1\s*30\.5 h\s*10%\s*2 items, score 15\.6/,
    );
    // No deployments; the debt register refused: said, not hidden.
    expect(rows[2]).toHaveTextContent(
      /checkout-web\s*no deployments in 90 days.*unavailable/,
    );
  });

  it('says when the feature lists no component', async () => {
    const fetch = await render({
      ...feature,
      spec: { ...feature.spec, implementedBy: [] },
    });
    expect(
      await screen.findByText('No component listed yet (spec.implementedBy).'),
    ).toBeInTheDocument();
    expect(fetch).not.toHaveBeenCalled();
  });
});

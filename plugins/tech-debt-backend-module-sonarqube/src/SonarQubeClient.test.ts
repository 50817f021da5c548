import http from 'node:http';
import { AddressInfo } from 'node:net';
import { mockServices } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { SonarQubeSignalProvider, formatDebtMinutes } from './SonarQubeClient';

// The shape of SonarQube's documented Web API answer for GET /api/measures/component
// (https://next.sonarqube.com/sonarqube/web_api/api/measures/component), recorded from the
// response documentation example with our project's values.
const recorded: Record<string, object> = {
  basketly_order_service: {
    component: {
      key: 'basketly_order_service',
      name: 'order-service',
      qualifier: 'TRK',
      measures: [
        { metric: 'sqale_index', value: '2790' },
        { metric: 'sqale_debt_ratio', value: '6.4' },
        { metric: 'sqale_rating', value: '3.0' },
      ],
    },
  },
};

async function sonarqube(status = 200) {
  const seen: Array<{ url: string; authorization?: string }> = [];
  const server = http.createServer((req, res) => {
    seen.push({ url: req.url!, authorization: req.headers.authorization });
    const url = new URL(req.url!, 'http://x');
    const body = recorded[url.searchParams.get('component') ?? ''];
    if (status !== 200) {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ errors: [{ msg: 'Insufficient privileges' }] }));
    } else if (!body) {
      res.writeHead(404, { 'content-type': 'application/json' });
      res.end(
        JSON.stringify({ errors: [{ msg: "Component key 'x' not found" }] }),
      );
    } else {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    }
  });
  await new Promise<void>(r => server.listen(0, r));
  return {
    baseUrl: `http://localhost:${(server.address() as AddressInfo).port}`,
    seen,
    close: () => server.close(),
  };
}

const entity = (name: string, key?: string): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name,
    namespace: 'default',
    annotations: key ? { 'sonarqube.org/project-key': key } : {},
  },
  spec: {},
});

describe('SonarQubeSignalProvider', () => {
  it('turns SonarQube measures into a debt signal per annotated entity', async () => {
    const server = await sonarqube();
    const provider = new SonarQubeSignalProvider({
      baseUrl: `${server.baseUrl}/`,
      apiKey: 'squ_token',
      logger: mockServices.logger.mock(),
    });
    const signals = await provider.collect([
      entity('order-service', 'basketly_order_service'),
      entity('unknown', 'main/basketly_unknown'), // instance prefix; not in SonarQube
      entity('not-annotated'),
    ]);
    server.close();
    expect(signals).toEqual([
      {
        entityRef: 'component:default/order-service',
        kind: 'sonarqube-debt',
        // 2790 min = 5 days of 8 h (2400) + 6 h (360) + 30 min
        title:
          'SonarQube: 5 d 6 h of technical debt, debt ratio 6.4%, maintainability C',
        details: {
          projectKey: 'basketly_order_service',
          debtMinutes: 2790,
          debtRatio: 6.4,
          maintainabilityRating: 'C',
        },
      },
    ]);
    // Both entities are asked at once: the server may see them in either order.
    expect(server.seen.map(s => s.url).sort()).toEqual([
      '/api/measures/component?component=basketly_order_service&metricKeys=sqale_index%2Csqale_debt_ratio%2Csqale_rating',
      '/api/measures/component?component=basketly_unknown&metricKeys=sqale_index%2Csqale_debt_ratio%2Csqale_rating',
    ]);
    // The token is the user name of HTTP basic auth.
    expect(server.seen.map(s => s.authorization)).toEqual(
      Array(2).fill(`Basic ${Buffer.from('squ_token:').toString('base64')}`),
    );
  });

  it('fails the collection when SonarQube refuses, so earlier signals are kept', async () => {
    const server = await sonarqube(403);
    const provider = new SonarQubeSignalProvider({
      baseUrl: server.baseUrl,
      logger: mockServices.logger.mock(),
    });
    await expect(
      provider.collect([entity('order-service', 'basketly_order_service')]),
    ).rejects.toThrow('SonarQube answered 403 for basketly_order_service');
    server.close();
  });

  it.each([
    [0, '0 min'],
    [45, '45 min'],
    [125, '2 h 5 min'],
    [480, '1 d'],
    [2790, '5 d 6 h'],
  ])('formats %i minutes as %s', (minutes, text) => {
    expect(formatDebtMinutes(minutes)).toBe(text);
  });
});

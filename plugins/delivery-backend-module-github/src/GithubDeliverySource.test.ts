import http from 'node:http';
import { AddressInfo } from 'node:net';
import { mockServices } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { ConfigReader } from '@backstage/config';
import { SourcedEvent } from '@teamflow/plugin-delivery-node';
import { GithubDeliverySource, GithubRepoState } from './GithubDeliverySource';

/*
 * A local stand-in for the GitHub REST API, replaying responses in the
 * documented shapes (docs.github.com/en/rest/pulls/pulls#list-pull-requests,
 * .../pulls#list-commits-on-a-pull-request,
 * .../deployments/deployments#list-deployments,
 * .../deployments/statuses#list-deployment-statuses), with Link pagination.
 */
type Route = (url: URL) => { body: unknown; link?: string } | undefined;

function startGithub(routes: Route[]) {
  const requests: string[] = [];
  const auth: string[] = [];
  const server = http.createServer((req, res) => {
    const url = new URL(req.url!, 'http://localhost');
    requests.push(`${url.pathname}${url.search}`);
    auth.push(String(req.headers.authorization));
    for (const route of routes) {
      const hit = route(url);
      if (hit) {
        res.writeHead(200, {
          'Content-Type': 'application/json',
          ...(hit.link ? { Link: hit.link } : {}),
        });
        res.end(JSON.stringify(hit.body));
        return;
      }
    }
    res.writeHead(404, { 'Content-Type': 'application/json' });
    res.end(JSON.stringify({ message: 'Not Found' }));
  });
  return new Promise<{
    base: string;
    requests: string[];
    auth: string[];
    close: () => void;
  }>(resolve =>
    server.listen(0, () => {
      const { port } = server.address() as AddressInfo;
      resolve({
        base: `http://localhost:${port}`,
        requests,
        auth,
        close: () => server.close(),
      });
    }),
  );
}

const pull = (
  number: number,
  updated: string,
  merged: string | null,
  over: object = {},
) => ({
  url: `https://api.github.com/repos/basketly/checkout-service/pulls/${number}`,
  id: 1000 + number,
  number,
  state: 'closed',
  title: `PR ${number}`,
  body: null,
  html_url: `https://github.com/basketly/checkout-service/pull/${number}`,
  labels: [],
  created_at: '2026-11-10T08:00:00Z',
  updated_at: updated,
  closed_at: updated,
  merged_at: merged,
  base: { ref: 'main' },
  ...over,
});

const deployment = (id: number, created: string) => ({
  url: `https://api.github.com/repos/basketly/checkout-service/deployments/${id}`,
  id,
  sha: `sha${id}`,
  ref: 'main',
  task: 'deploy',
  environment: 'production',
  description: null,
  created_at: created,
  updated_at: created,
});

const status = (state: string, at: string) => ({
  id: 1,
  state,
  environment: 'production',
  target_url: 'https://ci.example.com/run/1',
  created_at: at,
  updated_at: at,
});

describe('GithubDeliverySource', () => {
  const entities = [
    {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Component',
      metadata: {
        name: 'checkout-service',
        annotations: { 'github.com/project-slug': 'basketly/checkout-service' },
      },
      spec: {},
    },
  ];
  const now = Date.parse('2026-11-21T12:00:00Z');

  function sink() {
    const states = new Map<string, unknown>();
    const ingested: SourcedEvent[] = [];
    return {
      ingested,
      states,
      ingest: async (events: SourcedEvent[]) => {
        ingested.push(...events);
        return {
          accepted: events.length,
          duplicates: 0,
          updated: 0,
          rejected: [],
        };
      },
      getState: async <T>(key: string) => states.get(key) as T | undefined,
      setState: async (key: string, state: unknown) => {
        states.set(key, JSON.parse(JSON.stringify(state)));
      },
    };
  }

  it('backfills merged pull requests and finished deployments page by page, then reads only what changed', async () => {
    let pulls = [
      pull(12, '2026-11-20T10:00:00Z', '2026-11-20T09:00:00Z'),
      pull(11, '2026-11-19T10:00:00Z', null), // closed without merging
    ];
    let deployments = [
      deployment(502, '2026-11-20T11:00:00Z'),
      deployment(501, '2026-11-18T10:00:00Z'),
    ];
    const gh = await startGithub([
      url =>
        url.pathname === '/repos/basketly/checkout-service/pulls' &&
        url.searchParams.get('page') !== '2'
          ? {
              body: pulls,
              link: `<${'BASE'}/repos/basketly/checkout-service/pulls?state=closed&page=2>; rel="next"`,
            }
          : undefined,
      url =>
        url.pathname === '/repos/basketly/checkout-service/pulls' &&
        url.searchParams.get('page') === '2'
          ? {
              body: [
                pull(10, '2026-11-15T10:00:00Z', '2026-11-15T09:30:00Z', {
                  labels: [{ name: 'hotfix' }],
                  body: 'Reverts basketly/checkout-service#9',
                }),
              ],
            }
          : undefined,
      url => {
        const m = /\/pulls\/(\d+)\/commits$/.exec(url.pathname);
        return m
          ? {
              body: [
                {
                  sha: 'c1',
                  commit: { author: { date: '2026-11-09T16:00:00Z' } },
                },
              ],
            }
          : undefined;
      },
      url =>
        url.pathname === '/repos/basketly/checkout-service/deployments'
          ? { body: deployments }
          : undefined,
      url => {
        const m = /\/deployments\/(\d+)\/statuses$/.exec(url.pathname);
        if (!m) return undefined;
        return {
          body:
            m[1] === '502'
              ? [status('failure', '2026-11-20T11:05:00Z')]
              : [status('success', '2026-11-18T11:04:00Z')],
        };
      },
    ]);
    // The Link header names the server it came from.
    const realFetch = fetch;
    const fetchVia = (async (input: any, init: any) =>
      realFetch(String(input).replace('BASE', gh.base), init)) as typeof fetch;
    const source = new GithubDeliverySource({
      config: new ConfigReader({
        integrations: {
          github: [
            { host: 'github.com', apiBaseUrl: gh.base, token: 'ghp_test' },
          ],
        },
      }),
      catalog: catalogServiceMock({ entities }),
      auth: mockServices.auth(),
      logger: mockServices.logger.mock(),
      scheduler: mockServices.scheduler.mock(),
      schedule: { frequency: { minutes: 30 }, timeout: { minutes: 5 } },
      backfillDays: 180,
      reconcileDays: 2,
      environment: 'production',
      fetch: fetchVia,
      now: () => now,
    });
    const s = sink();
    try {
      await source.run(s);
      const ids = s.ingested.map(e => e.event.id);
      expect(ids).toEqual([
        'github-pr-basketly/checkout-service#12',
        'github-pr-basketly/checkout-service#10',
        'github-deployment-basketly/checkout-service-502',
        'github-deployment-basketly/checkout-service-501',
      ]);
      expect(s.ingested[1].event).toMatchObject({
        kind: 'change',
        labels: ['hotfix'],
        revertOf: 'github-pr-basketly/checkout-service#9',
        firstCommitAt: Date.parse('2026-11-09T16:00:00Z'),
        mergedAt: Date.parse('2026-11-15T09:30:00Z'),
      });
      expect(s.ingested[2].event).toMatchObject({
        kind: 'deployment',
        status: 'failure',
        finishedAt: Date.parse('2026-11-20T11:05:00Z'),
        entity: {
          annotation: 'github.com/project-slug',
          value: 'basketly/checkout-service',
        },
      });
      expect(new Set(gh.auth)).toEqual(new Set(['Bearer ghp_test']));
      const state = s.states.get(
        'repo:basketly/checkout-service',
      ) as GithubRepoState;
      expect(state).toMatchObject({
        pullsUpdatedAt: '2026-11-20T10:00:00Z',
        deploymentsCreatedAt: '2026-11-20T11:00:00Z',
        backfillDone: true,
        deployments: 2,
        changes: 2,
      });

      // Next run: one newly merged PR; deployment 502 re-read (within the
      // 2-day reconcile margin) with a new status, 501 no longer.
      pulls = [
        pull(13, '2026-11-21T08:00:00Z', '2026-11-21T07:00:00Z'),
        ...pulls,
      ];
      deployments = [deployment(503, '2026-11-21T09:00:00Z'), ...deployments];
      gh.requests.length = 0;
      s.ingested.length = 0;
      await source.run(s);
      expect(s.ingested.map(e => e.event.id)).toEqual([
        'github-pr-basketly/checkout-service#13',
        'github-deployment-basketly/checkout-service-503',
        'github-deployment-basketly/checkout-service-502',
      ]);
      // The first page ended at the cursor: page 2 was not read again.
      expect(gh.requests.some(r => r.includes('page=2'))).toBe(false);
      expect(s.states.get('repo:basketly/checkout-service')).toMatchObject({
        pullsUpdatedAt: '2026-11-21T08:00:00Z',
        deploymentsCreatedAt: '2026-11-21T09:00:00Z',
      });
    } finally {
      gh.close();
    }
  });

  it('records an API failure as the repository state for admins, and goes on', async () => {
    const gh = await startGithub([]);
    const source = new GithubDeliverySource({
      config: new ConfigReader({
        integrations: { github: [{ host: 'github.com', apiBaseUrl: gh.base }] },
      }),
      catalog: catalogServiceMock({ entities }),
      auth: mockServices.auth(),
      logger: mockServices.logger.mock(),
      scheduler: mockServices.scheduler.mock(),
      schedule: { frequency: { minutes: 30 }, timeout: { minutes: 5 } },
      backfillDays: 180,
      reconcileDays: 2,
      environment: 'production',
      now: () => now,
    });
    const s = sink();
    try {
      await source.run(s);
      expect(s.states.get('repo:basketly/checkout-service')).toMatchObject({
        backfillDone: false,
        error: expect.stringContaining('404'),
      });
    } finally {
      gh.close();
    }
  });
});

import { createHmac } from 'node:crypto';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { Entity } from '@backstage/catalog-model';
import request from 'supertest';
import githubExamples from '@octokit/webhooks-examples';
import eventsPlugin from '@backstage/plugin-events-backend';
import { eventsServiceFactory } from '@backstage/plugin-events-node';
import pagerDutyEvents from '@teamflow/plugin-events-backend-module-pagerduty';
import { deliveryPlugin } from './plugin';

// The GitHub and GitLab modules' default exports load their modules with a
// dynamic import, which Jest cannot run; load the real webhook modules
// (signature and token checks included) by their files instead.
const webhookModule = (pkg: string, file: string) =>
  require(require.resolve(pkg).replace('index.cjs.js', `service/${file}`))
    .default;
const githubEvents = webhookModule(
  '@backstage/plugin-events-backend-module-github',
  'eventsModuleGithubWebhook.cjs.js',
);
const gitlabEvents = webhookModule(
  '@backstage/plugin-events-backend-module-gitlab',
  'eventsModuleGitlabWebhook.cjs.js',
);
import gitlabDeployment from './__fixtures__/gitlab-deployment.json';
import gitlabMergeRequest from './__fixtures__/gitlab-merge-request.json';
import pagerDutyTriggered from './__fixtures__/pagerduty-incident-triggered.json';
import pagerDutyResolved from './__fixtures__/pagerduty-incident-resolved.json';

const component = (
  name: string,
  annotations: Record<string, string>,
): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name, namespace: 'default', annotations },
  spec: { type: 'service', lifecycle: 'production', owner: 'checkout' },
  relations: [{ type: 'ownedBy', targetRef: 'group:default/checkout' }],
});
const entities = [
  component('hello-world', {
    'github.com/project-slug': 'Codertocat/Hello-World',
  }),
  component('deployment-events', {
    'gitlab.com/project-slug': 'root/test-deployment-events',
    'pagerduty.com/service-id': 'PF9KMXH',
  }),
];

jest.setTimeout(30_000);

const SECRETS = {
  github: 'gh-secret',
  gitlab: 'gl-secret',
  pagerduty: 'pd-secret',
};

async function start() {
  const { server } = await startTestBackend({
    features: [
      // One events service for all plugins (the test backend's mock is per plugin).
      eventsServiceFactory,
      eventsPlugin,
      githubEvents,
      gitlabEvents,
      pagerDutyEvents,
      deliveryPlugin,
      catalogServiceMock.factory({ entities }),
      mockServices.rootConfig.factory({
        data: {
          events: {
            // In-process delivery only: no long-polling of the events hub
            // that would hold the test backend open at shutdown.
            useEventBus: 'never',
            modules: {
              github: { webhookSecret: SECRETS.github },
              gitlab: { webhookSecret: SECRETS.gitlab },
              pagerduty: { webhookSecret: SECRETS.pagerduty },
            },
          },
        },
      }),
    ],
  });
  return server;
}

const example = (name: string, pick: (e: any) => boolean) =>
  (githubExamples as any[]).find(d => d.name === name).examples.find(pick);

const hmac = (secret: string, body: string) =>
  createHmac('sha256', secret).update(body).digest('hex');

async function drillDown(
  server: any,
  entity: string,
  from: string,
  to: string,
) {
  // Webhooks are handled after the ingress answered 202: wait for the ledger.
  for (let i = 0; i < 50; i++) {
    const res = await request(server)
      .get('/api/delivery/drill-down')
      .query({ entityRef: `component:default/${entity}`, from, to })
      .set('Authorization', mockCredentials.user.header());
    if (res.body.deployments?.length && res.body.changes?.length)
      return res.body;
    await new Promise(r => setTimeout(r, 100));
  }
  const last = await request(server)
    .get('/api/delivery/drill-down')
    .query({ entityRef: `component:default/${entity}`, from, to })
    .set('Authorization', mockCredentials.user.header());
  throw new Error(
    `nothing filed for ${entity}: ${last.status} ${JSON.stringify(last.body)}`,
  );
}

describe('provider webhooks through the events system', () => {
  it('files GitHub deployment statuses, merged pull requests and pushes with valid signatures only', async () => {
    const server = await start();
    const send = (event: string, payload: object, secret = SECRETS.github) => {
      const body = JSON.stringify(payload);
      return request(server)
        .post('/api/events/http/github')
        .set('Content-Type', 'application/json')
        .set('X-GitHub-Event', event)
        .set('X-Hub-Signature-256', `sha256=${hmac(secret, body)}`)
        .send(body);
    };
    const closed = example('pull_request', e => e.action === 'closed');
    // The documented "closed" example, merged.
    const merged = {
      ...closed,
      pull_request: {
        ...closed.pull_request,
        merged: true,
        merged_at: '2019-05-15T15:20:40Z',
      },
    };
    const push = example('push', e => e.commits?.length === 1);
    const deployed = example(
      'deployment_status',
      e => e.deployment_status.state === 'success',
    );
    expect((await send('pull_request', merged, 'wrong')).status).toBe(403);
    expect((await send('pull_request', merged)).status).toBe(202);
    expect((await send('push', push)).status).toBe(202);
    expect((await send('deployment_status', deployed)).status).toBe(202);

    const found = await drillDown(
      server,
      'hello-world',
      '2019-05-01',
      '2019-06-01',
    );
    const id = 'github-deployment-Codertocat/Hello-World-145988746';
    expect(found.deployments).toEqual([
      expect.objectContaining({
        id,
        environment: 'production',
        finishedAt: '2019-05-15T15:20:55.000Z',
        source: 'github-webhook',
        changes: 2,
      }),
    ]);
    // PR #2 opened 15:20:33, deployed 15:20:55: 22 s; the commit pushed 15:19:25: 90 s.
    expect(
      found.changes
        .map((c: any) => [c.id, c.deploymentId, c.leadTimeHours])
        .sort(),
    ).toEqual([
      [
        'github-commit-Codertocat/Hello-World-6113728f27ae82c7b1a177c8d03f9e96e0adf246',
        id,
        0.025,
      ],
      ['github-pr-Codertocat/Hello-World#2', id, 0.006],
    ]);
  });

  it('files a GitLab deployment and merge request and a PagerDuty incident against it', async () => {
    const server = await start();
    const gitlab = (payload: object, token = SECRETS.gitlab) =>
      request(server)
        .post('/api/events/http/gitlab')
        .set('Content-Type', 'application/json')
        .set('X-Gitlab-Token', token)
        .send(payload);
    const pagerduty = (payload: object, secret = SECRETS.pagerduty) => {
      const body = JSON.stringify(payload);
      return request(server)
        .post('/api/events/http/pagerduty')
        .set('Content-Type', 'application/json')
        .set('X-PagerDuty-Signature', `v1=${hmac(secret, body)}`)
        .send(body);
    };
    expect((await gitlab(gitlabDeployment, 'wrong')).status).toBe(403);
    expect((await gitlab(gitlabMergeRequest)).status).toBe(202);
    expect((await gitlab(gitlabDeployment)).status).toBe(202);
    expect((await pagerduty(pagerDutyTriggered, 'wrong')).status).toBe(403);
    expect((await pagerduty(pagerDutyTriggered)).status).toBe(202);
    expect((await pagerduty(pagerDutyResolved)).status).toBe(202);

    let found = await drillDown(
      server,
      'deployment-events',
      '2021-04-01',
      '2021-05-01',
    );
    for (let i = 0; i < 50 && !found.incidents[0]?.resolvedAt; i++) {
      await new Promise(r => setTimeout(r, 100));
      found = await drillDown(
        server,
        'deployment-events',
        '2021-04-01',
        '2021-05-01',
      );
    }
    // Deployed 28 Apr 21:50 +02:00 = 19:50Z; incident 20:10Z (within 24 h), resolved 21:40Z.
    expect(found.deployments).toEqual([
      expect.objectContaining({
        finishedAt: '2021-04-28T19:50:00.000Z',
        failed: true,
        rework: true,
        recoveryHours: 1.833,
      }),
    ]);
    // Opened 27 Apr 17:23:34 UTC -> deployed 28 Apr 19:50 = 26 h 26 min 26 s
    expect(found.changes).toEqual([
      expect.objectContaining({
        id: 'gitlab-mr-root/test-deployment-events!1',
        labels: ['hotfix'],
        leadTimeHours: 26.441,
      }),
    ]);
    expect(found.incidents).toEqual([
      expect.objectContaining({
        id: 'pagerduty-PGR0VU2',
        startedAt: '2021-04-28T20:10:00.000Z',
        resolvedAt: '2021-04-28T21:40:00.000Z',
        link: 'window',
      }),
    ]);
  });
});

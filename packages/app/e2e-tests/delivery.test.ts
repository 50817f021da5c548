import { test, expect, Page, APIRequestContext } from '@playwright/test';

/*
 * Delivery flow: a CI pipeline sends CDEvents with the demo's static token and the team sees its
 * five metrics on its Delivery tab. Courier App has no generated demo history, so every number
 * below comes from the events this test sends (times relative to now, so the numbers hold on
 * any day).
 */
const shot = (page: Page, name: string) =>
  page.screenshot({ path: `e2e-screenshots/${name}.png`, fullPage: true });

async function signInAs(page: Page, person: string) {
  await page.goto('/');
  await page.getByRole('button', { name: new RegExp(person) }).click();
  await expect(page.getByText('Basketly Catalog')).toBeVisible();
}

const HOUR = 3_600_000;
const ago = (hours: number) =>
  new Date(Date.now() - hours * HOUR).toISOString();

function cdevent(
  type: string,
  id: string,
  hoursAgo: number,
  subject: object,
  customData?: object,
) {
  const full = `dev.cdevents.${type}`;
  const timestamp = ago(hoursAgo);
  return {
    specversion: '1.0',
    id,
    source: '/ci/courier',
    type: full,
    time: timestamp,
    data: {
      context: {
        version: '0.4.1',
        id,
        source: '/ci/courier',
        type: full,
        timestamp,
      },
      subject,
      ...(customData ? { customData } : {}),
    },
  };
}

const service = {
  id: 'dispatch-service',
  type: 'service',
  content: { environment: { id: 'production' } },
};
const deployed = (id: string, hoursAgo: number, changeIds: string[]) =>
  cdevent('service.deployed.0.2.0', id, hoursAgo, service, { changeIds });
const merged = (
  id: string,
  hoursAgo: number,
  firstCommitHoursAgo: number,
  labels: string[] = [],
) =>
  cdevent(
    'change.merged.0.2.0',
    id,
    hoursAgo,
    {
      id,
      type: 'change',
      content: { repository: { id: 'basketly/dispatch-service' } },
    },
    { firstCommitAt: ago(firstCommitHoursAgo), labels, title: `PR ${id}` },
  );

async function sendPipelineEvents(request: APIRequestContext) {
  const batch = [
    merged('e2e-c1', 101, 120),
    deployed('e2e-d1', 100, ['e2e-c1']),
    merged('e2e-c2', 81, 84),
    deployed('e2e-d2', 80, ['e2e-c2']),
    merged('e2e-c3', 61, 70),
    deployed('e2e-d3', 60, ['e2e-c3']),
    cdevent('incident.detected.0.2.0', 'e2e-i1', 59, {
      id: 'e2e-i1',
      type: 'incident',
      content: {
        description: 'Dispatch timeouts',
        service: { id: 'dispatch-service' },
      },
    }),
    merged('e2e-c4', 41, 42),
    deployed('e2e-d4', 40, ['e2e-c4']),
    merged('e2e-c5', 20.5, 21, ['hotfix']),
    deployed('e2e-d5', 20, ['e2e-c5']),
    cdevent('service.rolledback.0.2.0', 'e2e-d6', 19, service),
    // A broken event in the batch is reported by index, the rest are kept.
    { specversion: '1.0', id: 'broken' },
  ];
  const res = await request.post('http://localhost:7007/api/delivery/events', {
    headers: {
      Authorization: 'Bearer teamflow-demo-ci-token',
      'Content-Type': 'application/cloudevents-batch+json',
    },
    data: JSON.stringify(batch),
  });
  expect(res.status()).toBe(207);
  const body = await res.json();
  expect(body.rejected).toEqual([expect.objectContaining({ index: 12 })]);
  expect(body.accepted + body.updated + body.duplicates).toBe(12);
  // Resolved two hours later, in a second request.
  const resolved = await request.post(
    'http://localhost:7007/api/delivery/events',
    {
      headers: { Authorization: 'Bearer teamflow-demo-ci-token' },
      data: cdevent('incident.resolved.0.2.0', 'e2e-i1', 57, {
        id: 'e2e-i1',
        type: 'incident',
        content: { service: { id: 'dispatch-service' } },
      }),
    },
  );
  expect(resolved.status()).toBe(200);
}

test("a pipeline's CDEvents show up on its team's Delivery tab, traced to their events", async ({
  page,
  request,
}) => {
  test.setTimeout(120_000);
  await sendPipelineEvents(request);
  await signInAs(page, 'Noah Fischer');
  // Source administration is for admins only.
  await page.goto('/delivery');
  await expect(
    page.getByRole('heading', { name: 'The organisation' }),
  ).toBeVisible();
  await expect(
    page.getByRole('table', { name: 'Delivery sources' }),
  ).toHaveCount(0);
  await page.goto('/catalog/default/group/courier-app/delivery');

  // d1..d6 are successful: 6 deployments; d3 caused the incident, d5 was rolled back: 2 of 6.
  const cfr = page.getByRole('group', { name: 'Change fail rate' });
  await expect(cfr).toContainText('33.3%', { timeout: 30_000 });
  await expect(cfr).toContainText('2 of 6 deployments failed');
  // Lead times 20, 4, 10, 2 and 1 h from first commit: median 4 h, p75 10 h, p90 16 h.
  const lead = page.getByRole('group', { name: 'Change lead time' });
  await expect(lead).toContainText('4 h');
  await expect(lead).toContainText('median of 5 changes · p75 10 h · p90 16 h');
  await expect(lead).toContainText('elite');
  // The hotfix deployment and the rollback: 2 of 6.
  await expect(
    page.getByRole('group', { name: 'Deployment rework rate' }),
  ).toContainText('2 of 6 deployments were rework');
  // Two recoveries (3 h and 1 h) are fewer than the minimum of 5.
  const recovery = page.getByRole('group', {
    name: 'Failed deployment recovery time',
  });
  await expect(recovery).toContainText('Not enough data');
  await expect(recovery).toContainText('2 of at least 5 observations');
  await expect(
    page.getByText('0 of 1 incidents linked to no deployment'),
  ).toBeVisible();
  await shot(page, 'engineer-team-delivery-tab');

  // Every number traced to its events.
  await cfr.getByRole('button', { name: 'Show the events' }).click();
  const dialog = page.getByRole('dialog');
  const deployments = dialog.getByRole('table', { name: 'Deployments' });
  await expect(deployments.getByRole('row')).toHaveCount(3);
  await expect(deployments).toContainText('e2e-d5');
  await expect(deployments).toContainText('PR e2e-c5 (1 h, hotfix)');
  await expect(deployments).toContainText('e2e-d3');
  // Newest first; the Finished header turns it round (d3 before d5).
  await expect(deployments.getByRole('row').nth(1)).toContainText('e2e-d5');
  await deployments.getByRole('button', { name: 'Finished' }).click();
  await expect(deployments.getByRole('row').nth(1)).toContainText('e2e-d3');
  await expect(dialog.getByRole('table', { name: 'Incidents' })).toContainText(
    'e2e-d3 (within the failure window)',
  );
  await shot(page, 'engineer-team-delivery-drilldown');
  await page.keyboard.press('Escape');

  await page.getByRole('button', { name: 'How is this computed?' }).click();
  await expect(
    page.getByText(/Accelerate State of DevOps Report 2024/),
  ).toBeVisible();
});

test('the CTO sees every team as a trend on the delivery page and the overview', async ({
  page,
}) => {
  test.setTimeout(90_000);
  await signInAs(page, 'Inês Duarte');
  await page.goto('/delivery');
  const table = page
    .getByRole('table')
    .filter({ hasText: 'Deployments / day' });
  for (const team of [
    /Discovery/,
    /Order Flow/,
    /Checkout/,
    /Store Operations/,
  ]) {
    await expect(table).toContainText(team, { timeout: 30_000 });
  }
  await expect(
    page.getByRole('heading', { name: 'The organisation' }),
  ).toBeVisible();
  // A team opens its own Delivery tab.
  await expect(
    table.getByRole('link', { name: 'Checkout', exact: true }),
  ).toHaveAttribute('href', /\/catalog\/default\/group\/checkout\/delivery$/);
  // Every team is listed: those without events say so instead of missing.
  await expect(page.getByText(/Teams — \d+ of 15 send events/)).toBeVisible();
  await expect(table).toContainText('no source connected?');
  // Admins see what each source filed (the demo history is one).
  const sources = page.getByRole('table', { name: 'Delivery sources' });
  await expect(sources).toContainText('demo');
  await shot(page, 'cto-delivery-org');
  // Debt weighed by delivery on the tech-debt page.
  await page.goto('/tech-debt');
  await expect(
    page.getByRole('table', { name: 'Debt next to delivery' }),
  ).toContainText('Order Flow');
  await page.goto('/teamflow');
  await expect(page.getByRole('link', { name: 'Flow by team' })).toBeVisible();
  await expect(
    page.getByText(/deployments a day; \d+ of 15 teams send events/),
  ).toBeVisible();
});

import { test, expect, request, APIRequestContext } from '@playwright/test';

// A product team points a Segment-compatible source at the portal with the demo's write key
// (app-config.yaml, teamflow.analytics.sources) and reads, within a minute, which persona uses
// its feature. Refund self-service has no generated demo usage, so every number here is ours.

const WRITE_KEY = 'demo-basketly-web-write-key';
const run = Date.now();

async function token(api: APIRequestContext, user: string) {
  const auth = await api.get('/api/auth/demo/refresh?env=development', {
    headers: {
      'X-Requested-With': 'XMLHttpRequest',
      'x-teamflow-demo-user': `user:default/${user}`,
    },
  });
  return (await auth.json()).backstageIdentity.token as string;
}

async function refundUsage(api: APIRequestContext, bearer: string) {
  const res = await api.get(
    '/api/teamflow/analytics/usage?feature=feature:default/refund-self-service',
    { headers: { Authorization: `Bearer ${bearer}` } },
  );
  return res.ok() ? res.json() : undefined;
}

test('a product team sends Segment calls with its write key and sees within a minute which persona uses its feature', async ({
  page,
}) => {
  test.setTimeout(180_000);
  const api = await request.newContext({ baseURL: 'http://localhost:7007' });
  const bearer = await token(api, 'priya.raman');
  // Until the catalog holds the feature and its persona, there is nothing to count against.
  await expect
    .poll(async () => (await refundUsage(api, bearer))?.usage?.length ?? 0, {
      timeout: 120_000,
    })
    .toBe(1);

  const basic = `Basic ${Buffer.from(`${WRITE_KEY}:`).toString('base64')}`;
  const now = new Date().toISOString();
  // The documented batch shape (segment.com/docs/connections/sources/catalog/libraries/server/http-api/#batch).
  const batch = {
    batch: [
      {
        type: 'identify',
        userId: `agent-${run}-1`,
        traits: { app: 'support-console', email: 'agent@basketly.example' },
        timestamp: now,
        messageId: `e2e-${run}-1`,
      },
      {
        type: 'track',
        userId: `agent-${run}-1`,
        event: 'Refund Requested',
        properties: { orderId: 'o-1' },
        timestamp: now,
        messageId: `e2e-${run}-2`,
      },
      {
        type: 'track',
        userId: `agent-${run}-1`,
        event: 'Refund Requested',
        timestamp: now,
        messageId: `e2e-${run}-3`,
      },
      // Someone matching no persona rule: counted, not dropped.
      {
        type: 'track',
        anonymousId: `visitor-${run}`,
        event: 'Refund Requested',
        timestamp: now,
        messageId: `e2e-${run}-4`,
      },
      { type: 'page', anonymousId: `visitor-${run}`, name: 'Refunds' },
    ],
  };
  const sent = await api.post('/api/teamflow/analytics/v1/batch', {
    headers: { Authorization: basic },
    data: batch,
  });
  expect(sent.status()).toBe(200);
  expect(await sent.json()).toMatchObject({
    accepted: 4,
    ignored: 1,
    rejected: [],
  });
  // Sent again (a retry): nothing counted twice.
  const again = await api.post('/api/teamflow/analytics/v1/batch', {
    headers: { Authorization: basic },
    data: batch,
  });
  expect(await again.json()).toMatchObject({ accepted: 0, duplicates: 4 });
  // Without the write key: refused.
  expect(
    (
      await api.post('/api/teamflow/analytics/v1/track', {
        data: batch.batch[1],
      })
    ).status(),
  ).toBe(401);

  await page.goto('/');
  await page.getByRole('button', { name: /Priya Raman/ }).click();
  await expect(page.getByText('Basketly Catalog')).toBeVisible();
  await page.goto('/catalog/default/feature/refund-self-service');
  await expect(
    page.getByText(
      '2 users this week so far; the weekly figures start with its first complete week.',
    ),
  ).toBeVisible();
  const rows = page
    .getByRole('table', { name: 'Use per persona' })
    .getByRole('row');
  // The support agent (aimed at) with one user and two events this week; the unmatched visitor.
  await expect(rows.filter({ hasText: 'Support' })).toContainText('aimed at');
  await expect(
    rows.filter({ hasText: 'Support' }).getByRole('cell').nth(3),
  ).toHaveText('1 (2 events)');
  await expect(
    rows.filter({ hasText: 'No persona matched' }).getByRole('cell').nth(3),
  ).toHaveText('1 (1 event)');
  await page.screenshot({
    path: 'e2e-screenshots/feature-usage-after-first-events.png',
    fullPage: true,
  });

  // The demo's six months: express slots, aimed at last-minute shoppers, used mostly by families.
  await expect
    .poll(
      async () =>
        (
          await (
            await api.get(
              '/api/teamflow/analytics/usage?feature=feature:default/express-slots',
              { headers: { Authorization: `Bearer ${bearer}` } },
            )
          ).json()
        ).usage.length,
      { timeout: 120_000 },
    )
    .toBe(3);
  await page.goto('/catalog/default/feature/express-slots');
  // Its two components, each with its delivery and open debt (or why not).
  await expect(
    page
      .getByRole('table', { name: 'Components implementing this feature' })
      .getByRole('row'),
  ).toHaveCount(3);
  await expect(
    page.getByText(
      /^Aimed at one persona, used mostly by another: \d+% of its weekly users/,
    ),
  ).toBeVisible();
  await page.goto('/catalog/default/persona/weekly-family-shopper');
  const used = page.getByRole('table', {
    name: 'Features used by this persona',
  });
  await expect(used.getByRole('row').nth(1)).toContainText(
    'Search as you type',
  );
  await expect(used).toContainText('aimed at it · building');
  await page.screenshot({
    path: 'e2e-screenshots/persona-features-used.png',
    fullPage: true,
  });

  await api.dispose();
});

test('the CTO sees which personas engage less and the North Star trees on the overview', async ({
  page,
}) => {
  test.setTimeout(180_000);
  // The demo's usage is written shortly after start-up: wait for it before the page reads it.
  const api = await request.newContext({ baseURL: 'http://localhost:7007' });
  const bearer = await token(api, 'ines.duarte');
  await expect
    .poll(
      async () =>
        (
          await (
            await api.get('/api/teamflow/analytics/personas?weeks=4', {
              headers: { Authorization: `Bearer ${bearer}` },
            })
          ).json()
        ).personas?.length ?? 0,
      { timeout: 120_000 },
    )
    .toBeGreaterThanOrEqual(7);
  await api.dispose();
  // The CTO's overview: couriers' engagement fell after the demo's app update six weeks ago
  // (proof-of-delivery photos: 1,622 courier feature-users in the four weeks before, 1,301 since).
  await page.goto('/');
  await expect(page.getByText('Sign in to the Basketly demo')).toBeVisible();
  await page.getByRole('button', { name: /Inês Duarte/ }).click();
  await expect(page.getByText('Basketly Catalog')).toBeVisible();
  await page.goto('/teamflow');
  await expect(
    page.getByText(
      '1 of 7 personas uses the product less than in the 4 weeks before.',
    ),
  ).toBeVisible();
  const engagement = page.getByRole('table', { name: 'Persona engagement' });
  await expect(engagement.getByRole('row').nth(1)).toContainText('Courier');
  await expect(engagement.getByRole('row').nth(1)).toContainText('−20%');
  // The North Star tree of Shopping Experience: families reordering rose with one-tap reorder's
  // launch ten weeks ago, moved by Discovery.
  const inputs = page.getByRole('table', {
    name: 'Inputs of Weekly shops completed',
  });
  const reordering = inputs
    .getByRole('row')
    .filter({ hasText: 'Families reordering each week' });
  await expect(reordering).toContainText('Discovery');
  await expect(reordering.getByRole('cell').nth(3)).toHaveText(/^\+\d+%$/);
  await page.screenshot({
    path: 'e2e-screenshots/cto-persona-engagement.png',
    fullPage: true,
  });
});

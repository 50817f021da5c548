import { test, expect, Page, request } from '@playwright/test';

/*
 * Cognitive-load surveys on the demo: the backend seeds two closed waves and an open one
 * (plugins/cognitive-load-backend/src/service/demoSeed.ts) once the demo teams are in the
 * catalog. In the open "Q4 2026 pulse", two of Checkout's three people have answered: one
 * short of k = 3 (app-config.yaml), and Maya Okafor has not.
 */
test.beforeAll(async () => {
  const api = await request.newContext({ baseURL: 'http://localhost:7007' });
  const deadline = Date.now() + 150_000;
  let waves = 0;
  while (Date.now() < deadline && waves < 3) {
    const auth = await api.get('/api/auth/demo/refresh?env=development', {
      headers: {
        'X-Requested-With': 'XMLHttpRequest',
        'x-teamflow-demo-user': 'user:default/lars.berg',
      },
    });
    if (auth.ok()) {
      const token = (await auth.json()).backstageIdentity.token;
      const res = await api.get('/api/cognitive-load/waves', {
        headers: { Authorization: `Bearer ${token}` },
      });
      if (res.ok()) waves = (await res.json()).waves.length;
    }
    if (waves < 3) await new Promise(r => setTimeout(r, 2000));
  }
  expect(waves).toBeGreaterThanOrEqual(3);
  await api.dispose();
});

const shot = (page: Page, name: string) =>
  page.screenshot({ path: `e2e-screenshots/${name}.png`, fullPage: true });

async function signInAs(page: Page, person: string) {
  await page.goto('/');
  await page.getByRole('button', { name: new RegExp(person) }).click();
  await expect(page.getByText('Basketly Catalog')).toBeVisible();
}

const q4Row = (page: Page) =>
  page
    .getByRole('table', { name: 'Cognitive load by wave' })
    .getByRole('row')
    .filter({ hasText: 'Q4 2026 pulse' });

test('before k people answered, a team sees "not enough responses", not a number', async ({
  page,
}) => {
  await signInAs(page, 'Maya Okafor');
  await page.goto('/catalog/default/group/checkout');
  await expect(q4Row(page)).toContainText('Not enough responses');
  // The closed waves had all three: Q3 shows a load and the change since Q2.
  const q3 = page
    .getByRole('table', { name: 'Cognitive load by wave' })
    .getByRole('row')
    .filter({ hasText: 'Q3 2026 pulse' });
  await expect(q3).toContainText(/\d+\s*[+−±]/);
  await expect(
    page.getByText('Q4 2026 pulse is open for this team.'),
  ).toBeVisible();
  await shot(page, 'engineer-team-cognitive-load-before');
});

test('a member answers the open wave, and the team’s results appear once k have answered', async ({
  page,
}) => {
  await signInAs(page, 'Maya Okafor');
  await page.goto('/catalog/default/group/checkout');
  await page.getByRole('link', { name: /Answer it/ }).click();
  const form = page.getByRole('form', { name: 'Q4 2026 pulse for Checkout' });
  const statements = form.getByRole('radiogroup');
  await expect(statements).toHaveCount(18);
  for (let i = 0; i < 18; i++) {
    await statements
      .nth(i)
      .getByLabel(i % 4 === 3 ? 'Not applicable' : 'Agree', { exact: true })
      .check();
  }
  await shot(page, 'engineer-survey-answered');
  // A retry finds the earlier answers and saves them again: same end state.
  await form
    .getByRole('button', { name: /Send my answers|Save my changed answers/ })
    .click();
  await expect(form.getByText(/answers are saved/)).toBeVisible();

  await page.goto('/catalog/default/group/checkout');
  // 3 of 3: Checkout's Q4 results now show (a number, no longer withheld).
  await expect(q4Row(page)).not.toContainText('Not enough responses');
  await expect(q4Row(page)).toContainText(/\d/);
  await expect(page.getByLabel('Perceived load')).toBeVisible();
  await shot(page, 'engineer-team-cognitive-load-after');
});

test('the CTO’s heatmap opens on the latest closed wave, says what it covers and withholds small groups', async ({
  page,
}) => {
  await signInAs(page, 'Inês Duarte');
  await page.goto('/cognitive-load/results');
  // Default: the latest closed wave, Q3, with its change since Q2.
  const q3 = page.getByRole('table', {
    name: 'Cognitive load heatmap, Q3 2026 pulse',
  });
  await expect(page.getByLabel('Coverage')).toContainText(
    /Q3 2026 pulse: results for \d+ of 15 surveyed teams, \d+ people; changes since Q2 2026 pulse/,
  );
  const row = (group: string) =>
    q3.locator(`tr[data-group="group:default/${group}"]`);
  // Partner Billing had two answers (below k), Internal Tools none.
  await expect(row('partner-billing')).toContainText('Not enough responses');
  await expect(row('internal-tools')).toContainText('No data');
  // The Partners unit minus its teams shown would be Partner Billing's two people:
  // its roll-up is hidden.
  await expect(row('partners')).toContainText(
    'Hidden: would reveal a smaller group',
  );
  // Checkout got worse since Q2: its load and a positive change, no quartile range.
  await expect(row('checkout')).toContainText(/\d+\s*\+\d+/);
  await expect(row('checkout')).not.toContainText(/\d+–\d+/);
  await shot(page, 'cto-cognitive-load-heatmap');

  // Q4 is open: teams that reached k show, roll-ups wait for the close.
  await page.getByLabel('Wave').click();
  await page.getByRole('option', { name: /Q4 2026 pulse/ }).click();
  const q4 = page.getByRole('table', {
    name: 'Cognitive load heatmap, Q4 2026 pulse',
  });
  await expect(
    q4.locator('tr[data-group="group:default/checkout"]'),
  ).toContainText('50.4 (overloaded)');
  await expect(
    q4.locator('tr[data-group="group:default/order-flow"]'),
  ).toContainText('No data');
  await expect(
    q4.locator('tr[data-group="group:default/shopping"]'),
  ).toContainText('Shown when the wave closes');
  await shot(page, 'cto-cognitive-load-heatmap-open-wave');
});

test("the platform engineer who ran the waves reads their results on the heatmap and the teams' pages", async ({
  page,
}) => {
  // Lars Berg (Developer Experience) opened the demo's waves.
  await signInAs(page, 'Lars Berg');
  await page.goto('/cognitive-load');
  await page.getByRole('tab', { name: 'Org heatmap' }).click();
  await expect(page.getByLabel('Coverage')).toContainText(
    /Q3 2026 pulse: results for \d+ of 15 surveyed teams, \d+ people; changes since Q2 2026 pulse/,
  );
  await expect(
    page
      .getByRole('table', { name: 'Cognitive load heatmap, Q3 2026 pulse' })
      .locator('tr[data-group="group:default/partners"]'),
  ).toContainText('Hidden: would reveal a smaller group');
  await shot(page, 'platform-engineer-cognitive-load-heatmap');
  // Checkout is not Lars's team, but his waves surveyed it: Q3's load and
  // its change since Q2.
  await page.goto('/catalog/default/group/checkout');
  await expect(
    page
      .getByRole('table', { name: 'Cognitive load by wave' })
      .getByRole('row')
      .filter({ hasText: 'Q3 2026 pulse' }),
  ).toContainText(/\d+\s*[+−±]/);
  await expect(
    page.getByText('Results of this team are visible to its members'),
  ).toHaveCount(0);
});

test("an enabling coach who ran no wave is not offered every team's results", async ({
  page,
}) => {
  await signInAs(page, 'Noah Fischer');
  await page.goto('/cognitive-load');
  await expect(page.getByRole('tab', { name: 'Waves' })).toBeVisible();
  await expect(page.getByRole('tab', { name: 'Org heatmap' })).toHaveCount(0);
  await page.goto('/catalog/default/group/checkout');
  await expect(
    page.getByText(
      'Results of this team are visible to its members and to whoever ran its surveys.',
    ),
  ).toBeVisible();
});

test('an engineer is not offered the org heatmap', async ({ page }) => {
  await signInAs(page, 'Maya Okafor');
  await page.goto('/cognitive-load');
  await expect(page.getByRole('tab', { name: 'My surveys' })).toBeVisible();
  await expect(page.getByRole('tab', { name: 'Org heatmap' })).toHaveCount(0);
  await expect(page.getByText(/cognitive-load\.results/)).toHaveCount(0);
});

test('a platform engineer opens a wave and follows who still needs to reach k', async ({
  page,
}) => {
  await signInAs(page, 'Lars Berg');
  await page.goto('/cognitive-load/waves');
  const form = page.getByRole('form', { name: 'Open a wave' });
  await form.getByLabel(/Title/).fill('Platform check-in');
  await form.getByLabel('Teams').click();
  await page.getByRole('option', { name: 'Developer Experience' }).click();
  await page.keyboard.press('Escape');
  await form.getByRole('button', { name: 'Open wave' }).click();
  await expect(
    form.getByText("Opened 'Platform check-in' for 1 teams."),
  ).toBeVisible();
  const waves = page.getByRole('table', { name: 'Waves' });
  const wave = waves
    .getByRole('row')
    .filter({ hasText: 'Platform check-in' })
    .first();
  await expect(wave).toContainText('open');
  await wave.getByRole('button', { name: 'Progress' }).click();
  await expect(
    page.getByRole('table', { name: 'Progress of Platform check-in' }),
  ).toContainText('3 more needed');
  await shot(page, 'platform-engineer-waves');
});

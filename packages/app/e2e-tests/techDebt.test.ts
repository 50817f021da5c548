import { test, expect, Page } from '@playwright/test';

/*
 * Technical debt on the demo: the backend seeds a register (Order Flow drowning in debt) and
 * collects SonarQube figures from the demo's stand-in once the catalog has loaded.
 */
const shot = (page: Page, name: string) =>
  page.screenshot({ path: `e2e-screenshots/${name}.png`, fullPage: true });

async function signInAs(page: Page, person: string) {
  await page.goto('/');
  await page.getByRole('button', { name: new RegExp(person) }).click();
  await expect(page.getByText('Basketly Catalog')).toBeVisible();
}

async function choose(page: Page, label: string, option: string) {
  await page.getByLabel(label).click();
  await page.getByRole('option', { name: option, exact: true }).click();
}

test('an engineer records, prioritises and resolves debt on her component', async ({
  page,
}) => {
  test.setTimeout(150_000);
  await signInAs(page, 'Maya Okafor');
  await page.goto('/catalog/default/component/checkout-service/tech-debt');
  // SonarQube's figures (the stand-in) arrive with the first signal collection.
  await expect(page.getByRole('table', { name: 'Debt signals' })).toContainText(
    'SonarQube:',
    { timeout: 90_000 },
  );

  const title = `Retries create duplicate payment intents ${Date.now()}`;
  await page.getByRole('button', { name: 'Add debt' }).click();
  await page.getByLabel(/^Title/).fill(title);
  await choose(page, 'Impact', '4 — severe');
  await choose(page, 'Effort', 'S (~2 person-days)');
  await page.getByLabel('Interest (hours lost per month)').fill('8');
  // (40 + 8 × 2.5) / √2 = 42.4
  await expect(page.getByText('Priority score: 42.4')).toBeVisible();
  await page.getByRole('button', { name: 'Save' }).click();

  const row = page.locator(`tr[data-item="${title}"]`);
  await expect(row).toContainText('Quick win');
  await expect(row).toContainText('42.4');
  await shot(page, 'engineer-tech-debt-register');

  await row.getByRole('button', { name: 'Resolve' }).click();
  const resolving = page.getByRole('dialog');
  // Resolving asks why; without a note there is no resolution.
  await expect(
    resolving.getByRole('button', { name: 'Resolve' }),
  ).toBeDisabled();
  await resolving
    .getByLabel('What resolved it')
    .fill('An idempotency key on every intent');
  await resolving.getByRole('button', { name: 'Resolve' }).click();
  await expect(page.getByText(`Resolved '${title}'.`)).toBeVisible();
  await expect(row).toHaveCount(0);
  await choose(page, 'Status', 'All statuses');
  await expect(row).toContainText('Resolved');
  await expect(row).not.toContainText('Quick win');
  await row.getByRole('button', { name: 'History' }).click();
  const history = page.getByRole('table', { name: 'History' });
  await expect(history.getByRole('row')).toHaveCount(2);
  await expect(history).toContainText('status: open → resolved');
  await expect(history).toContainText('An idempotency key on every intent');
  // Who, by name, and when, in the one date format.
  await expect(history).toContainText('Maya Okafor');
  await expect(history).toContainText(
    /\d{1,2} [A-Z][a-z]{2} \d{4}, \d{2}:\d{2} UTC/,
  );
  await page.getByRole('button', { name: 'Undo' }).click();
  await expect(page.getByText(`'${title}' is Open again.`)).toBeVisible();
  await expect(row).toContainText('Quick win');
});

test('someone outside the owning team reads the register but cannot change it', async ({
  page,
}) => {
  await signInAs(page, 'Priya Raman');
  await page.goto('/catalog/default/component/checkout-service/tech-debt');
  await expect(
    page.getByText('Members of the owning team record and change this entity'),
  ).toBeVisible();
  await expect(page.getByRole('button', { name: 'Add debt' })).toHaveCount(0);
  await expect(page.getByRole('table', { name: 'Debt items' })).toContainText(
    'Flaky end-to-end checkout tests',
  );
});

test('the team and the CTO see roll-ups: Order Flow drowning in debt', async ({
  page,
}) => {
  await signInAs(page, 'Inês Duarte');
  await page.goto('/catalog/default/group/order-flow');
  // 11 seeded items, one resolved.
  await expect(page.getByLabel('Open debt items')).toHaveText('10');
  await expect(page.getByRole('list', { name: 'Quick wins' })).toContainText(
    'No runbook for stuck orders',
  );

  // The team's tab: every item on what it owns, by status.
  await page.goto('/catalog/default/group/order-flow/tech-debt');
  await expect(page.getByLabel('Items by status')).toContainText('Resolved: 1');
  await expect(
    page.getByRole('table', { name: 'Team debt items' }).getByRole('row'),
  ).toHaveCount(1 + 10);

  await page.goto('/tech-debt');
  const byTeam = page.getByRole('table', { name: 'Debt by team' });
  // The worst team first, by its name (the link shows the ref only until
  // the catalog has answered with the title).
  const first = byTeam.getByRole('row').nth(1).getByRole('link');
  await expect(first).toHaveText('Order Flow');
  await expect(first).toHaveAttribute('href', /\/group\/order-flow$/);
  await expect(
    page.getByRole('list', { name: 'Top debt items' }),
  ).toContainText('No runbook for stuck orders');
  await expect(
    page.getByRole('table', { name: 'Resolved per quarter' }),
  ).toContainText('%');
  await shot(page, 'cto-tech-debt');
});

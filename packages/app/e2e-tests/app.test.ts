import { test, expect, Page, request } from '@playwright/test';
import { readableNames } from './mapNames';

// The portal starts with an empty in-memory catalog: wait until the demo organisation is fully
// ingested (as a demo user, through the real sign-in and catalog APIs) before any test looks.
test.beforeAll(async () => {
  const api = await request.newContext({ baseURL: 'http://localhost:7007' });
  const deadline = Date.now() + 120_000;
  let kinds: Record<string, number> = {};
  while (Date.now() < deadline) {
    const auth = await api.get('/api/auth/demo/refresh?env=development', {
      headers: {
        'X-Requested-With': 'XMLHttpRequest',
        'x-teamflow-demo-user': 'user:default/maya.okafor',
      },
    });
    if (auth.ok()) {
      const token = (await auth.json()).backstageIdentity.token;
      const facets = await api.get('/api/catalog/entity-facets?facet=kind', {
        headers: { Authorization: `Bearer ${token}` },
      });
      kinds = Object.fromEntries(
        (await facets.json()).facets.kind.map((f: any) => [f.value, f.count]),
      );
      if (
        kinds.Component === 69 &&
        kinds.User === 47 &&
        kinds.Group === 21 &&
        kinds.Persona === 8 &&
        kinds.TeamInteraction === 16
      ) {
        break;
      }
    }
    await new Promise(r => setTimeout(r, 1000));
  }
  expect(kinds).toMatchObject({
    Component: 69,
    User: 47,
    Group: 21,
    Persona: 8,
    TeamInteraction: 16,
  });
  await api.dispose();
});

// Screenshots of every page visited, per demo role, for people reviewing a change.
const shot = (page: Page, name: string) =>
  page.screenshot({ path: `e2e-screenshots/${name}.png`, fullPage: true });

async function signInAs(page: Page, person: string) {
  await page.goto('/');
  await expect(page.getByText('Sign in to the Basketly demo')).toBeVisible();
  await page.getByRole('button', { name: new RegExp(person) }).click();
  await expect(page.getByText('Basketly Catalog')).toBeVisible();
}

test('the sign-in page offers the demo organisation people', async ({
  page,
}) => {
  await page.goto('/');
  const users = page.getByRole('list', { name: 'Demo users' });
  await expect(users.getByRole('button')).toHaveCount(5);
  for (const who of ['Maya Okafor', 'Lars Berg', 'Inês Duarte']) {
    await expect(users.getByText(who)).toBeVisible();
  }
  await expect(
    users.getByText('Chief Technology Officer (portal admin)'),
  ).toBeVisible();
  await shot(page, 'sign-in');
});

test('an engineer finds a component and the team that owns it', async ({
  page,
}) => {
  await signInAs(page, 'Maya Okafor');

  // The components her team owns: Checkout owns 8. (The catalog opens on "Owned" only when the
  // owned count has loaded in time, so choose it explicitly.)
  await page.getByRole('menuitem', { name: /Owned/ }).click();
  await expect(
    page.getByRole('heading', { name: 'Owned Components (8)' }),
  ).toBeVisible();
  await page.getByRole('textbox', { name: 'Search' }).fill('checkout-service');
  const row = page.getByRole('row', { name: /checkout-service/ });
  await expect(row).toContainText('Orchestrates the checkout flow.');
  await shot(page, 'engineer-catalog');
  await row.getByRole('link', { name: 'checkout-service' }).click();

  // Component page: description, owner, system and its relations graph.
  await expect(page).toHaveURL(
    /\/catalog\/default\/component\/checkout-service/,
  );
  // The innermost article with the "About" heading is the About card.
  const about = page
    .locator('article')
    .filter({ has: page.getByRole('heading', { name: 'About', exact: true }) })
    .last();
  await expect(about).toContainText('Orchestrates the checkout flow.');
  const ownerLink = about.locator('a[href$="/catalog/default/group/checkout"]');
  const systemLink = about.locator(
    'a[href$="/catalog/default/system/checkout"]',
  );
  await expect(ownerLink).toHaveText('Checkout');
  await expect(systemLink).toHaveText('Checkout');
  await expect(page.getByText('Relations')).toBeVisible();
  await shot(page, 'engineer-component');

  // Through the owner link to the team page: members, parent group, ownership.
  await ownerLink.click();
  await expect(page).toHaveURL(/\/catalog\/default\/group\/checkout/);
  await expect(
    page.getByRole('heading', { name: 'Checkout' }).first(),
  ).toBeVisible();
  await expect(page.getByText('Checkout members (3 of 3)')).toBeVisible();
  await expect(
    page.getByRole('link', { name: 'Shopping' }).first(),
  ).toBeVisible();
  // Ownership, hand-counted from examples/software: 7 services, 1 website, 3 OpenAPI APIs.
  await expect(page.getByRole('heading', { name: 'Ownership' })).toBeVisible();
  await expect(page.getByRole('link', { name: /7\s*services/i })).toBeVisible();
  await expect(page.getByRole('link', { name: /1\s*website/i })).toBeVisible();
  await expect(page.getByRole('link', { name: /3\s*openapis/i })).toBeVisible();
  await shot(page, 'engineer-team');
});

test('an engineer sees how her team works and whom it serves', async ({
  page,
}) => {
  await signInAs(page, 'Maya Okafor');
  await page.getByRole('link', { name: 'My Group' }).click();
  await expect(page).toHaveURL(/\/catalog\/default\/group\/checkout/i);

  const topology = page
    .locator('article', { hasText: 'Team Topology' })
    .first();
  await expect(topology.getByText('Stream-aligned')).toBeVisible();
  await expect(topology).toContainText('A basket-to-paid-order flow');
  await expect(topology).toContainText('basket-api');
  const interactions = topology.getByRole('list', { name: 'Interactions' });
  // Checkout's current interactions in examples/teamflow/interactions.yaml: the overdue
  // collaboration with Order Flow, and services from Customer Accounts, Developer Experience
  // and Route Optimisation. The ended facilitation is not listed.
  await expect(interactions.getByRole('listitem')).toHaveCount(4);
  await expect(interactions.getByRole('listitem').first()).toContainText(
    'collaborates with',
  );
  await expect(interactions).toContainText('review overdue since 30 Sep 2026');
  await expect(topology).toContainText('1 ended interaction not shown.');

  // Dependencies and structural load from the Teamflow backend (hand-derived in
  // packages/backend/src/demo/catalogIngestion.test.ts): 33 points x sqrt(7/3) = 50.4.
  await expect(
    page.getByText('overloaded · 33 points × 1.53 for team size'),
  ).toBeVisible();
  const dependsOn = page.getByRole('list', { name: 'Depends on' });
  await expect(dependsOn.getByRole('listitem')).toHaveCount(8);
  await expect(
    dependsOn.getByRole('listitem').filter({ hasText: 'Discovery' }),
  ).toContainText('undeclared');
  await expect(
    page.getByRole('list', { name: 'Depended on by' }).getByRole('listitem'),
  ).toHaveCount(3);

  const personas = page.getByRole('list', { name: 'Personas served' });
  await expect(personas.getByRole('listitem')).toHaveCount(2);
  await shot(page, 'engineer-team-topology');

  await personas.getByRole('link', { name: 'Weekly family shopper' }).click();
  await expect(page).toHaveURL(
    /\/catalog\/default\/persona\/weekly-family-shopper/,
  );
  const teams = page.getByRole('list', { name: 'Teams serving this persona' });
  await expect(teams.getByRole('listitem')).toHaveCount(3);
  for (const team of ['Checkout', 'Customer Accounts', 'Discovery']) {
    await expect(teams.getByRole('link', { name: team })).toBeVisible();
  }
  await expect(
    page.getByText(
      'When I start my weekly shop, I want to re-order what I bought last week in one go, so that I only add what is new.',
    ),
  ).toBeVisible();
  await shot(page, 'engineer-persona');
});

test('a product manager finds a persona no team serves', async ({ page }) => {
  await signInAs(page, 'Priya Raman');
  await page.goto('/catalog/default/persona/support-agent');
  await expect(page.getByText('Customer support agent').first()).toBeVisible();
  await expect(
    page.getByText('No team serves this persona: a coverage gap.', {
      exact: false,
    }),
  ).toBeVisible();
  await shot(page, 'pm-unserved-persona');
});

test('the CTO finds the organisation’s gaps on the organisation pages', async ({
  page,
}) => {
  await signInAs(page, 'Inês Duarte');
  await page.getByRole('link', { name: 'Organisation' }).click();
  await page.getByRole('tab', { name: 'Team directory' }).click();

  // Team directory: three value streams, the platform grouping, and the rest.
  const shopping = page.getByRole('table', { name: 'Teams in Shopping' });
  await expect(shopping.getByRole('row')).toHaveCount(1 + 4);
  await expect(
    page
      .getByRole('table', { name: 'Teams in Engineering platform' })
      .getByRole('row'),
  ).toHaveCount(1 + 3);
  await expect(
    page.getByRole('table', {
      name: 'Teams in Not in a value stream or platform grouping',
    }),
  ).toContainText('Type undeclared');
  await shot(page, 'cto-team-directory');

  // Persona coverage, hand-derived from examples/teamflow/personas.yaml and groups.yaml.
  await page.getByRole('tab', { name: 'Persona coverage' }).click();
  const unserved = page.getByRole('list', { name: 'Personas no team serves' });
  await expect(unserved.getByRole('listitem')).toHaveCount(1);
  await expect(unserved).toContainText('Customer support agent');
  const noPersona = page.getByRole('list', {
    name: 'Stream-aligned teams serving no persona',
  });
  await expect(noPersona.getByRole('listitem')).toHaveCount(1);
  await expect(noPersona).toContainText('Order Flow');
  const shared = page.getByRole('list', {
    name: 'Personas served by several teams',
  });
  // weekly-family-shopper (3), product-engineer (3), courier, independent-grocer (2 each)
  await expect(shared.getByRole('listitem')).toHaveCount(4);
  await shot(page, 'cto-persona-coverage');

  // Ownership hygiene: the hackathon banner service owned by a person.
  await page.getByRole('tab', { name: 'Ownership hygiene' }).click();
  const problems = page.getByRole('table', { name: 'Ownership problems' });
  await expect(problems.getByRole('row')).toHaveCount(1 + 1);
  await expect(problems).toContainText('promo-banner-service');
  await expect(problems).toContainText('owner is not a group');
  await shot(page, 'cto-ownership-hygiene');
});

test('the catalog filters by team type and by persona', async ({ page }) => {
  await signInAs(page, 'Priya Raman');
  await page.getByRole('menuitem', { name: /All/ }).first().click();

  // Components the Courier persona uses: courier-app and courier-payouts.
  await page.getByTestId('select').filter({ hasText: 'All personas' }).click();
  await page.getByRole('option', { name: 'Courier', exact: true }).click();
  await page.keyboard.press('Escape');
  await expect(
    page.getByRole('heading', { name: /All Components \(2\)/ }),
  ).toBeVisible();
  await expect(page.getByRole('link', { name: 'courier-app' })).toBeVisible();
  await expect(
    page.getByRole('link', { name: 'courier-payouts' }),
  ).toBeVisible();
  await shot(page, 'pm-catalog-persona-filter');

  // Team type, restored from a shareable URL: the three platform teams.
  await page.goto(
    '/catalog?filters[kind]=group&filters[user]=all&filters[teamType]=platform',
  );
  await expect(
    page.getByRole('heading', { name: /All Groups \(3\)/ }),
  ).toBeVisible();
  for (const team of [
    'Developer Experience',
    'Cloud Infrastructure',
    'Data Platform',
  ]) {
    await expect(page.getByRole('link', { name: team })).toBeVisible();
  }
  await shot(page, 'pm-catalog-team-type-filter');
});

test('a platform engineer sees their team and its platform grouping', async ({
  page,
}) => {
  await signInAs(page, 'Lars Berg');
  await page.goto('/catalog/default/group/developer-experience');
  await expect(
    page.getByText('Developer Experience members (3 of 3)'),
  ).toBeVisible();
  await expect(
    page.getByRole('link', { name: 'Technology' }).first(),
  ).toBeVisible();
  await shot(page, 'platform-engineer-team');
});

test('the CTO is signed in as a real catalog user with their group', async ({
  page,
}) => {
  await signInAs(page, 'Inês Duarte');
  await page.goto('/catalog/default/user/ines.duarte');
  await expect(
    page.getByText('Chief Technology Officer').first(),
  ).toBeVisible();
  await expect(
    page.getByRole('link', { name: 'Office of the CTO' }).first(),
  ).toBeVisible();
  await shot(page, 'cto-profile');

  await page.goto('/catalog/default/group/basketly');
  await expect(
    page.getByText('Basketly is an online grocery marketplace').first(),
  ).toBeVisible();
  // Members and ownership aggregate over the whole organisation: all 47 people.
  await expect(page.getByText('Basketly members (47 of 47)')).toBeVisible();
  await shot(page, 'cto-organisation');
});

test('the CTO overview scores the organisation’s health, hand-derived from the demo', async ({
  page,
}) => {
  await signInAs(page, 'Inês Duarte');
  await page.getByRole('link', { name: 'Organisation' }).click();
  const scorecard = page.getByRole('list', { name: 'Org-health scorecard' });
  // 8 stream-aligned teams, Order Flow serves no persona; Checkout is the one team over
  // the threshold (50.4); Store Operations -> Order Flow is blocking; Checkout <-> Order
  // Flow is overdue; promo-banner-service is person-owned; Internal Tools has no type.
  for (const line of [
    '7 of 8 stream-aligned teams with a persona',
    '1 of 15 teams over the load threshold',
    '1 blocking dependencies',
    '1 overdue collaborations',
    '1 of 69 components not owned by a team',
    '1 of 15 teams with no type',
  ]) {
    await expect(scorecard).toContainText(line);
  }
  // Each count leads to the list behind it (the load threshold's teams have no list yet).
  for (const [count, href] of [
    ['7 of 8', '/teamflow/coverage'],
    ['1 of 69', '/teamflow/hygiene'],
    ['1 of 15', '/teamflow/map?type=undeclared'],
  ]) {
    await expect(scorecard.getByRole('link', { name: count })).toHaveAttribute(
      'href',
      href,
    );
  }
  await expect(scorecard.getByRole('link')).toHaveCount(5);
  await expect(
    page.getByRole('list', { name: 'Dependency summary' }),
  ).toContainText('44 observed but undeclared');
  // One overdue collaboration, counted once everywhere (the map has an edge each way).
  await expect(
    page.getByRole('list', { name: 'Dependency summary' }),
  ).toContainText('1 blocking, 1 interaction past review');
  // Delivery, cognitive load and tech debt fill the overview's places.
  await expect(page.getByRole('note')).toHaveCount(0);
  await expect(page.getByRole('link', { name: 'Flow by team' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Debt by team' })).toBeVisible();
  await expect(
    page.getByText('Cognitive load (surveys)', { exact: true }),
  ).toBeVisible();
  await expect(page.getByRole('link', { name: 'Org heatmap' })).toBeVisible();
  await shot(page, 'cto-overview');

  await page.getByRole('link', { name: 'Show only the problems' }).click();
  await expect(page).toHaveURL(/\/teamflow\/map\?problems=true/);
  await expect(
    page.getByRole('checkbox', { name: 'Only problems' }),
  ).toBeChecked();
  await expect(page.getByLabel('Map summary')).toContainText('44 undeclared');
  await expect(page.getByLabel('Map summary')).toContainText(
    '1 interaction past review',
  );
});

test('the CTO sees what changed since last week, from the demo’s history', async ({
  page,
}) => {
  // The demo's six months of snapshots are generated shortly after the backend starts.
  test.setTimeout(300_000);
  await signInAs(page, 'Inês Duarte');
  await page.goto('/teamflow');
  const changes = page.getByRole('list', { name: 'Changes since last week' });
  const tooEarly = page.getByText(/^(No history yet|The history starts on)/);
  for (let i = 0; i < 30; i++) {
    // The card has loaded: either the changes or "no history yet".
    await expect(changes.or(tooEarly)).toBeVisible();
    if (await changes.isVisible()) break;
    await page.waitForTimeout(5_000);
    await page.reload();
  }
  // Last week in the demo's story: the Checkout ↔ Order Flow collaboration passed its
  // review date (one line, though the map has an edge each way), and every team now at
  // high or overloaded load crossed into it: Checkout (50.4, the scorecard's one team
  // over the threshold) and the four high ones of the structural-load card. And Order
  // Flow's debt grew: the history waits for the tech-debt demo's items before it is seeded.
  await expect(async () => {
    const lines = await changes.getByRole('listitem').allTextContents();
    expect(lines).toHaveLength(7);
  }).toPass({ timeout: 20_000 });
  await expect(changes).toContainText(
    "Order Flow's open debt rose to 306.2 (10 items; was 281.7, 9 items)",
  );
  await expect(changes).toContainText(
    'The interaction of Checkout with Order Flow passed its review date',
  );
  await expect(changes).toContainText(
    'Checkout rose to overloaded structural load (50.4, was high)',
  );
  await changes.getByRole('link', { name: 'Checkout' }).last().click();
  await expect(page).toHaveURL(/\/catalog\/default\/group\/checkout/);
});

test('the dependency map shows undeclared and overdue dependencies down to the components', async ({
  page,
}) => {
  await signInAs(page, 'Inês Duarte');
  await page.goto('/teamflow/map');
  const map = page.getByRole('img', { name: /Team dependency map/ });
  await expect(map).toHaveAccessibleName(
    'Team dependency map: 15 teams, 61 dependencies',
  );
  await expect(page.locator('[data-team]')).toHaveCount(15);
  // At the zoom the map opens with, every team is named, 12 px or more, no two names overlapping.
  await expect(page.locator('[data-team-name]')).toHaveCount(15);
  expect((await readableNames(page)).map(n => n.text)).toContain('Order Flow');

  // Discovery's dependencies; on the map, the one on Search Relevance (x-as-a-service,
  // 6 entity-level edges), then the seeded undeclared one on Customer Accounts from the list.
  await page
    .getByRole('button', { name: 'Discovery (stream-aligned team)' })
    .click();
  await page
    .locator(
      '[data-edge-handle="group:default/discovery>group:default/search-relevance"]',
    )
    .click();
  await expect(
    page
      .getByRole('list', { name: 'Entity-level edges' })
      .getByRole('listitem'),
  ).toHaveCount(6);
  await page.getByRole('button', { name: 'Back to Discovery' }).click();
  const dependsOn = page.getByRole('list', { name: 'Discovery depends on' });
  const accounts = dependsOn
    .getByRole('button')
    .filter({ hasText: 'Customer Accounts' });
  await expect(accounts).toContainText('undeclared');
  await accounts.click();
  await expect(
    page
      .getByRole('list', { name: 'Entity-level edges' })
      .getByRole('listitem'),
  ).toHaveCount(4);
  await shot(page, 'cto-map-undeclared-edge');
  // The view is in the URL: shared, it opens on the same dependency; Back returns to the
  // team, then to the map without a selection.
  await expect(page).toHaveURL(
    /team=group%3Adefault%2Fdiscovery&edgeFrom=group%3Adefault%2Fdiscovery&edgeTo=group%3Adefault%2Fcustomer-accounts/,
  );
  const shared = page.url();
  await page.goBack();
  await expect(
    page.getByRole('list', { name: 'Discovery depends on' }),
  ).toBeVisible();
  await page.goto(shared);
  await expect(
    page
      .getByRole('list', { name: 'Entity-level edges' })
      .getByRole('listitem'),
  ).toHaveCount(4);

  // The overdue collaboration, from the list instead of the map.
  await page.getByRole('button', { name: 'Back to Discovery' }).click();
  await page
    .getByRole('button', { name: 'Checkout (stream-aligned team)' })
    .click();
  await page
    .getByRole('list', { name: 'Checkout depends on' })
    .getByRole('button')
    .filter({ hasText: 'Order Flow' })
    .click();
  await expect(
    page.getByRole('list', { name: 'Declared interactions' }),
  ).toContainText('collaboration, active, review by 30 Sep 2026 (overdue)');
  // checkout-service and refunds-service consume orders-api.
  await expect(
    page
      .getByRole('list', { name: 'Entity-level edges' })
      .getByRole('listitem'),
  ).toHaveCount(2);
  await shot(page, 'cto-map-overdue-collaboration');

  // Filters: the partners value stream (2 teams) with what they depend on.
  await page.getByLabel('Value stream').click();
  await page.getByRole('option', { name: 'Partners' }).click();
  await expect(page).toHaveURL(/valueStream=partners/);
  await expect(page.getByLabel('Map summary')).toContainText(
    '2 matching teams',
  );

  // Search brings a team into view and selects it.
  await page.getByRole('button', { name: 'Clear filters' }).click();
  await page.getByLabel('Find a team').fill('route');
  await page
    .getByRole('list', { name: 'Teams found' })
    .getByRole('button', { name: /Route Optimisation/ })
    .click();
  await expect(
    page.getByRole('button', {
      name: 'Route Optimisation (complicated-subsystem team)',
    }),
  ).toHaveAttribute('aria-pressed', 'true');
});

test('the CTO sees which teams need attention, every signal side by side, and exports it', async ({
  page,
}) => {
  await signInAs(page, 'Inês Duarte');
  await page.goto('/teamflow');
  // The overview's card leads with Order Flow, the demo's team in trouble.
  const card = page.getByRole('list', { name: 'Teams with most problems' });
  await expect(card.getByRole('listitem').first()).toContainText(
    /^Order Flow — \d+ problems/,
  );
  await page.getByRole('link', { name: 'Every team, every signal' }).click();
  await expect(page).toHaveURL(/\/teamflow\/attention$/);
  const table = page.getByRole('table', { name: 'Teams needing attention' });
  const rows = table.locator('tbody tr');
  await expect(rows).toHaveCount(15);
  const order = rows.first();
  await expect(order.getByRole('cell').first()).toContainText('Order Flow');
  // The same numbers as the overview's structural-load card and scorecard.
  const cell = (row: typeof order, signal: string) =>
    row.locator(`td[data-signal="${signal}"]`);
  await expect(cell(order, 'structuralLoad')).toHaveText('34.4 (high)');
  await expect(cell(order, 'structuralLoad')).toHaveAttribute(
    'data-level',
    'watch',
  );
  for (const signal of ['debt', 'changeFailRate', 'dependencies'])
    await expect(cell(order, signal)).toHaveAttribute('data-level', 'problem');
  await expect(cell(order, 'dependencies')).toContainText(
    '1 blocking · 1 past review',
  );
  await expect(cell(order, 'personas')).toHaveText('none');
  const checkout = rows.filter({ hasText: 'Checkout' }).first();
  await expect(cell(checkout, 'structuralLoad')).toHaveText(
    '50.4 (overloaded)',
  );
  // A team without delivery events says so once, across the five columns.
  await expect(
    rows
      .filter({ hasText: 'Route Optimisation' })
      .getByText('no delivery events in this window: no source connected'),
  ).toHaveCount(1);
  await shot(page, 'cto-attention');

  // Sort by debt (highest first), filter by value stream: both in the URL.
  await table.getByRole('button', { name: 'Debt score' }).click();
  await expect(page).toHaveURL(/sort=debt/);
  await expect(rows.first()).toContainText('Order Flow');
  await page.getByLabel('Value stream').click();
  await page.getByRole('option', { name: 'Shopping' }).click();
  await expect(page).toHaveURL(/valueStream=shopping/);
  await expect(page.getByText(/^\d+ of 15 teams$/)).toBeVisible();
  const shown = await rows.count();
  expect(shown).toBeLessThan(15);
  await expect(rows.filter({ hasText: 'Order Flow' })).toHaveCount(0);

  // CSV: the rows on screen, in the order on screen.
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Export CSV' }).click(),
  ]);
  expect(download.suggestedFilename()).toMatch(
    /^teams-needing-attention-\d{4}-\d{2}-\d{2}\.csv$/,
  );
  const csv = require('fs').readFileSync(await download.path(), 'utf8');
  const lines = csv.trim().split('\r\n');
  expect(lines[0]).toMatch(/^team,title,type,value stream,Structural load,/);
  expect(lines).toHaveLength(shown + 1);
  expect(lines[1]).toMatch(/^group:default\/checkout,Checkout,/);

  // Each cell leads to the page behind it: the team's Delivery tab.
  await cell(rows.first(), 'changeFailRate').getByRole('link').click();
  await expect(page).toHaveURL(
    /\/catalog\/default\/group\/checkout\/delivery$/,
  );
});

test('an engineer sees the attention table without the survey numbers she may not read', async ({
  page,
}) => {
  await signInAs(page, 'Noah Fischer');
  await page.goto('/teamflow/attention');
  await expect(
    page.getByText(
      'Perceived-load column left out: Needs the cognitive-load.results.read permission, or a wave you opened',
    ),
  ).toBeVisible();
  const table = page.getByRole('table', { name: 'Teams needing attention' });
  await expect(table.locator('td[data-signal="perceivedLoad"]')).toHaveCount(0);
  await expect(table.locator('tbody tr').first()).toContainText('Order Flow');
  await shot(page, 'engineer-attention');
});

test('the CTO moves the dependency map back in time and compares it with two weeks ago', async ({
  page,
}) => {
  // The demo's history is generated shortly after the backend starts.
  test.setTimeout(240_000);
  await signInAs(page, 'Inês Duarte');
  const slider = page.getByRole('slider');
  for (let i = 0; i < 20; i++) {
    await page.goto('/teamflow/map');
    await expect(page.getByLabel('Map summary')).toBeVisible();
    if (await slider.isVisible()) break;
    await page.waitForTimeout(5_000);
  }
  await expect(
    page.getByText('The organisation now (drag back in time)'),
  ).toBeVisible();
  // Two weeks ago the demo's two newest undeclared dependencies did not exist yet.
  await page.getByLabel('Compare with').click();
  await page.getByRole('option').nth(2).click();
  await expect(page).toHaveURL(/compareWith=\d{4}-\d{2}-\d{2}/);
  await expect(page.getByLabel('Changes on the map')).toContainText(
    '2 dependencies added, 0 dependencies gone.',
  );
  await expect(page.locator('[data-change="added"]')).toHaveCount(2);
  await shot(page, 'cto-map-compared');

  // Back to the first day of the history: the team created 12 weeks ago is not there yet.
  await slider.focus();
  await page.keyboard.press('Home');
  await expect(page).toHaveURL(/asOf=\d{4}-\d{2}-\d{2}/);
  await expect(
    page.getByText(/^The organisation as of \d+ \w+ \d{4}$/),
  ).toBeVisible();
  await expect(page.getByLabel('Map summary')).toContainText('14 teams shown');
  await shot(page, 'cto-map-as-of');
  // Back returns to the compared view.
  await page.goBack();
  await expect(page).not.toHaveURL(/asOf=/);
  await expect(page.getByLabel('Map summary')).toContainText('15 teams shown');
});

test('a team member is told when her team becomes overloaded and its collaboration passes review; the CTO gets the weekly review', async ({
  page,
  browser,
}) => {
  // Sent once the demo's history is generated, shortly after the backend starts.
  test.setTimeout(240_000);
  await signInAs(page, 'Maya Okafor');
  const overloaded = page.getByText(
    'Checkout entered overloaded structural load (50.4)',
  );
  for (let i = 0; i < 12; i++) {
    await page.goto('/notifications');
    // The inbox loads after the page: give it time before looking again.
    if (
      await overloaded
        .waitFor({ timeout: 10_000 })
        .then(() => true)
        .catch(() => false)
    )
      break;
  }
  await expect(overloaded).toBeVisible();
  await expect(
    page.getByText(
      'The interaction of Checkout with Order Flow passed its review date',
    ),
  ).toBeVisible();
  await shot(page, 'engineer-notifications');

  const cto = await browser.newPage();
  await signInAs(cto, 'Inês Duarte');
  await cto.goto('/notifications');
  await expect(
    cto.getByText(
      /^Teamflow weekly review: \d+ changes since \d{1,2} [A-Z][a-z]{2} \d{4}$/,
    ),
  ).toBeVisible();
  // The CTO office is neither team: no team alert for her.
  await expect(
    cto.getByText('Checkout entered overloaded structural load (50.4)'),
  ).toHaveCount(0);
  await cto.close();
});

/*
 * The adopter's three screens, in Chromium, on the portal scripts/adoption-test.sh made: the
 * Team Topology card of a labelled team, a persona page, and a component's Delivery tab after
 * a pipeline posted a deployment. Also: the four Teamflow pages in the navigation.
 *
 *   node scripts/adoption-check.cjs   (the adopted portal running on :3000 / :7007)
 */
const { chromium } = require('playwright-core');

const app = 'http://localhost:3000';
const backend = 'http://localhost:7007';
const shots = process.env.TEAMFLOW_ADOPTION_SHOTS ?? '/tmp';

async function waitFor(url, seconds) {
  const deadline = Date.now() + seconds * 1000;
  for (;;) {
    try {
      const res = await fetch(url);
      if (res.ok) return;
    } catch {
      // not up yet
    }
    if (Date.now() > deadline) throw new Error(`${url} did not come up`);
    await new Promise(r => setTimeout(r, 2000));
  }
}

async function main() {
  await waitFor(`${backend}/.backstage/health/v1/readiness`, 300);
  await waitFor(app, 300);

  // A pipeline's deployment of payments-service, with the guide's static token.
  const event = {
    specversion: '1.0',
    id: 'adoption-run-1',
    source: '/ci/payments',
    type: 'dev.cdevents.service.deployed.0.2.0',
    data: {
      context: {
        id: 'adoption-run-1',
        source: '/ci/payments',
        type: 'dev.cdevents.service.deployed.0.2.0',
        timestamp: new Date(Date.now() - 3600_000).toISOString(),
      },
      subject: {
        id: 'payments-service',
        content: { environment: { id: 'production' } },
      },
    },
  };
  // The catalog may still be reading the example file: retry until the entity is known.
  const deadline = Date.now() + 180_000;
  for (;;) {
    const res = await fetch(`${backend}/api/delivery/events`, {
      method: 'POST',
      headers: {
        Authorization: 'Bearer adoption-ci-token',
        'Content-Type': 'application/cloudevents+json',
      },
      body: JSON.stringify(event),
    });
    const body = await res.text();
    if (res.ok && !/rejected":\[\{/.test(body)) break;
    if (Date.now() > deadline) {
      throw new Error(`delivery ingest: ${res.status} ${body}`);
    }
    await new Promise(r => setTimeout(r, 5000));
  }

  const browser = await chromium.launch({
    executablePath: process.env.TEAMFLOW_CHROMIUM ?? '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  const page = await browser.newPage({
    viewport: { width: 1440, height: 900 },
  });
  page.setDefaultTimeout(60_000);
  await page.goto(app);
  await page.getByRole('button', { name: 'Enter' }).click();
  // Signed in once the app's navigation shows; only then may the check navigate.
  await page
    .getByRole('link', { name: /^(Catalog|Home)$/ })
    .first()
    .waitFor();

  const shot = name =>
    page.screenshot({
      path: `${shots}/adoption-${
        process.env.TEAMFLOW_ADOPTION_MODE ?? 'new'
      }-${name}.png`,
      fullPage: true,
    });
  const check = async (name, path, texts) => {
    await page.goto(`${app}${path}`);
    try {
      for (const text of texts) {
        await page.getByText(text, { exact: false }).first().waitFor();
      }
    } catch (e) {
      // What the page showed instead, for whoever reads the CI log.
      await shot(`${name}-failed`);
      const shown = (await page.locator('main').first().innerText()).slice(
        0,
        800,
      );
      throw new Error(`${name}: ${e.message}\nthe page showed: ${shown}`);
    }
    await shot(name);
    console.log(`ok: ${name} (${texts.join(', ')})`);
  };
  await check('team', '/catalog/default/group/payments', [
    'Team Topology',
    'Stream-aligned',
    'Take the money, never twice.',
  ]);
  await check('persona', '/catalog/default/persona/shopper', [
    'Teams serving this persona',
    'Pay in one step',
  ]);
  await check(
    'delivery',
    '/catalog/default/component/payments-service/delivery',
    // the pipeline's deployment, counted
    ['Deployment frequency', '1 of at least 5 observations'],
  );
  // The new frontend system names the nav items after the pages' titles.
  const nav =
    process.env.TEAMFLOW_ADOPTION_MODE === 'legacy'
      ? ['Organisation', 'Cognitive load', 'Tech debt', 'Delivery']
      : ['Organisation', 'Cognitive load', 'Technical debt', 'Delivery flow'];
  for (const item of nav) {
    await page.getByRole('link', { name: item }).first().waitFor();
  }
  console.log('ok: navigation has the four Teamflow pages');
  await browser.close();
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});

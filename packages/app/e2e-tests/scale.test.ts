import { test, expect, Route } from '@playwright/test';
import { generateOrganisation, withRelations } from '@teamflow/org-generator';
import { readableNames } from './mapNames';
import {
  TeamGraphFilter,
  deriveTeamGraph,
  teamMap,
} from '@teamflow/plugin-teamflow-common';

/*
 * The dependency map at organisation scale: 320 teams from @teamflow/org-generator.
 *
 * The page, the browser and the sign-in are the real ones; only the map's two backend calls are
 * answered here, with the graph the backend's own derivation (deriveTeamGraph, filterTeamGraph)
 * computes from the generated organisation. Ingesting ~5,000 generated entities into the e2e
 * catalog takes minutes on a 2-core machine (about 8 entities/s on the in-memory SQLite catalog,
 * measured), which would dominate CI; the backend's behaviour at this scale and beyond is
 * covered by its router tests and `yarn bench` (2,000 teams).
 */
const TEAMS = 320;
const entities = withRelations(
  generateOrganisation({ teams: TEAMS, components: 1600, seed: 7 }),
);
const graph = deriveTeamGraph(entities, '2026-11-21');

async function answerMap(route: Route) {
  const url = new URL(route.request().url());
  const q = url.searchParams;
  const filter: TeamGraphFilter = {
    valueStream: q.get('valueStream') ?? undefined,
    domain: q.get('domain') ?? undefined,
    types: q.get('type')?.split(',') as TeamGraphFilter['types'],
    problems: q.get('problems') === 'true',
  };
  await route.fulfill({
    json: teamMap(graph, filter, new Date().toISOString()),
  });
}

test('the dependency map stays usable with 320 teams: fits, zooms to readable names, pans, finds and drills down', async ({
  page,
}) => {
  expect(graph.nodes.length).toBe(TEAMS);
  await page.route(/\/api\/teamflow\/graph(\?.*)?$/, answerMap);
  await page.route(/\/api\/teamflow\/graph\/edge\?/, async route => {
    const q = new URL(route.request().url()).searchParams;
    const edge = graph.edges.find(
      e => e.from === q.get('from') && e.to === q.get('to'),
    );
    await route.fulfill(
      edge ? { json: { edge } } : { status: 404, json: { error: {} } },
    );
  });

  await page.goto('/');
  await page.getByRole('button', { name: /Inês Duarte/ }).click();
  await expect(page.getByText('Basketly Catalog')).toBeVisible();
  const started = Date.now();
  await page.goto('/teamflow/map');
  const map = page.getByRole('img', { name: /Team dependency map/ });
  await expect(map).toHaveAccessibleName(
    `Team dependency map: ${TEAMS} teams, ${graph.edges.length} dependencies`,
  );
  await expect(page.locator('[data-team]')).toHaveCount(TEAMS);
  test.info().annotations.push({
    type: 'render',
    description: `${TEAMS} teams and ${graph.edges.length} edges on screen ${
      Date.now() - started
    } ms after navigation`,
  });

  // Fitted: the whole organisation in view. Names are 12 px on screen at every
  // zoom; those that would overlap wait for zooming in. Value-stream titles are
  // readable at any zoom (at least 12 px tall on screen).
  const zoom = async () => Number(await map.getAttribute('data-zoom'));
  const fittedZoom = await zoom();
  expect(fittedZoom).toBeLessThan(0.45);
  const fitted = await readableNames(page);
  expect(fitted.length).toBeGreaterThan(0);
  expect(fitted.length).toBeLessThan(TEAMS);
  const titleHeight = await page
    .locator('[data-cluster-titles] text')
    .first()
    .evaluate(el => el.getBoundingClientRect().height);
  expect(titleHeight).toBeGreaterThanOrEqual(12);
  await page.screenshot({ path: 'e2e-screenshots/scale-map-fitted.png' });

  // Zoom in: more teams are named, still without overlaps.
  for (let i = 0; i < 3; i++) {
    await page.getByRole('button', { name: 'Zoom in' }).click();
  }
  expect(await zoom()).toBeCloseTo(fittedZoom * 1.4 ** 3, 2);
  const zoomed = await readableNames(page);
  expect(zoomed.length).toBeGreaterThan(fitted.length);

  // Pan: dragging moves the map with the pointer.
  const someTeam = page.locator('[data-team]').first();
  const before = (await someTeam.boundingBox())!;
  const box = (await map.boundingBox())!;
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.mouse.down();
  await page.mouse.move(
    box.x + box.width / 2 - 200,
    box.y + box.height / 2 - 100,
    {
      steps: 5,
    },
  );
  await page.mouse.up();
  const after = (await someTeam.boundingBox())!;
  expect(Math.round(after.x - before.x)).toBe(-200);
  expect(Math.round(after.y - before.y)).toBe(-100);

  // Find the team with the most outbound dependencies; it is selected and brought into view.
  const busiest = [...graph.nodes].sort((a, b) => b.outbound - a.outbound)[0];
  await page.getByLabel('Find a team').fill(busiest.title);
  await page
    .getByRole('list', { name: 'Teams found' })
    .getByRole('button', { name: new RegExp(busiest.title) })
    .first()
    .click();
  const selected = page.locator(`[data-team="${busiest.ref}"]`);
  await expect(selected).toHaveAttribute('aria-pressed', 'true');
  const s = (await selected.boundingBox())!;
  expect(s.x).toBeGreaterThan(box.x);
  expect(s.x + s.width).toBeLessThan(box.x + box.width);
  expect(s.y).toBeGreaterThan(box.y);
  expect(s.y + s.height).toBeLessThan(box.y + box.height);

  // Its dependencies, then the components behind the first one.
  const outbound = graph.edges.filter(
    e => e.from === busiest.ref && e.weight > 0,
  );
  const list = page.getByRole('list', { name: `${busiest.title} depends on` });
  await expect(list.getByRole('button')).toHaveCount(
    graph.edges.filter(e => e.from === busiest.ref).length,
  );
  await list.getByRole('button').first().click();
  const first = graph.edges.filter(e => e.from === busiest.ref)[0];
  await expect(
    page
      .getByRole('list', { name: 'Entity-level edges' })
      .getByRole('listitem'),
  ).toHaveCount(first.weight);
  expect(outbound.length).toBeGreaterThan(0);
  await page.screenshot({ path: 'e2e-screenshots/scale-map-team.png' });
});

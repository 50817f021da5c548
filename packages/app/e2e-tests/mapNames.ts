import { Page, expect } from '@playwright/test';

/**
 * The team names drawn on the dependency map, checked as a reader sees them:
 * each at least 12 px and no two overlapping. Returns the
 * teams named.
 */
export async function readableNames(page: Page) {
  const names = await page.evaluate(() =>
    [...document.querySelectorAll('[data-team-name]')].map(el => {
      const r = el.getBoundingClientRect();
      return {
        ref: el.getAttribute('data-team-name')!,
        text: el.textContent ?? '',
        fontPx: parseFloat(getComputedStyle(el).fontSize),
        box: { left: r.left, right: r.right, top: r.top, bottom: r.bottom },
      };
    }),
  );
  for (const n of names) {
    expect(n.fontPx, `${n.text}: font size`).toBeGreaterThanOrEqual(12);
  }
  const overlapping = names.flatMap((a, i) =>
    names
      .slice(i + 1)
      .filter(
        b =>
          a.box.left < b.box.right &&
          b.box.left < a.box.right &&
          a.box.top < b.box.bottom &&
          b.box.top < a.box.bottom,
      )
      .map(b => `${a.text} / ${b.text}`),
  );
  expect(overlapping).toEqual([]);
  return names;
}

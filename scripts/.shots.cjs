const { chromium } = require('playwright-core');
(async () => {
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium' });
  const people = [['Inês Duarte', 'cto'], ['Noah Fischer', 'eng']];
  for (const [person, tag] of people)
    for (const width of [1440, 1024]) {
      const ctx = await browser.newContext({ viewport: { width, height: 1000 } });
      const page = await ctx.newPage();
      await page.goto('http://localhost:7007/');
      await page.getByRole('button', { name: new RegExp(person) }).click();
      await page.getByText('Basketly Catalog').waitFor();
      await page.goto('http://localhost:7007/teamflow');
      await page.getByText('What changed since last week').waitFor();
      await page.waitForTimeout(4000);
      await page.screenshot({ path: `/tmp/ov-${tag}-${width}.png`, fullPage: true });
      const text = await page.getByText('What changed since last week').locator('xpath=ancestor::div[contains(@class,"MuiCard-root")]').innerText();
      console.log(tag, width, JSON.stringify(text));
      await ctx.close();
    }
  await browser.close();
})();

import { chromium } from '@playwright/test';
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox','--disable-gpu','--disable-background-networking'] });
const page = await browser.newPage({ viewport: { width: 390, height: 844 } });
page.on('console', (m) => { if (m.text().startsWith('PROF')) console.log(m.text()); });
await page.goto(process.env.BASE_URL + '/colleges');
// The server's first HTML has the list too: wait for the app to take over.
await page.waitForSelector('#app[data-app=ready] .results-body');
await page.evaluate(() => { document.addEventListener('change', () => { window.__t0 = performance.now(); }, true); document.addEventListener('markersdrawn', () => console.log('PROF drawn', (performance.now() - window.__t0).toFixed(0)), true); });
await page.getByRole('button', { name: 'Map', exact: true }).click();
await page.waitForSelector('.map[data-markers]');
await page.getByText('Filters and sort order').click();
for (const [f, v] of [['country','GB'],['delivery','online'],['country',''],['delivery','']]) {
  console.log('---', f, v);
  await page.locator('#' + f).selectOption(v);
  await page.waitForTimeout(1000);
}
await browser.close();

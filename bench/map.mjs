// The map with every college in the database (10,121 in `make bench`): time
// from pressing "Map" to the markers drawn (loading Leaflet, the basemap and
// the points included), then from a filter change to the updated markers.
// Phone-sized, so that the map opens on a press, in headless Chromium.
import { chromium } from '@playwright/test';

const base = process.env.BASE_URL;
const browser = await chromium.launch({
  executablePath: process.env.CHROME_PATH || '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking',
    '--disable-component-update', '--disable-sync', '--no-first-run'],
});
const page = await browser.newPage({ viewport: { width: 390, height: 844 } });
await page.goto(`${base}/colleges`);
// The server's first HTML has the list too: wait for the app to take over.
await page.waitForSelector('#app[data-app=ready] .results-body');
await page.evaluate(() => {
  window.__drawn = [];
  window.__t0 = 0;
  document.addEventListener('markersdrawn', (e) => window.__drawn.push([performance.now(), e.target.dataset.markers]), true);
  for (const type of ['click', 'change']) {
    document.addEventListener(type, () => { window.__t0 = performance.now(); }, true);
  }
});

async function timeUntilDrawn(action) {
  const before = await page.evaluate(() => window.__drawn.length);
  await action();
  await page.waitForFunction((n) => window.__drawn.length > n, before, { timeout: 60_000 });
  return page.evaluate((n) => [window.__drawn[n][0] - window.__t0, window.__drawn[n][1]], before);
}

const [open, shown] = await timeUntilDrawn(() => page.getByRole('button', { name: 'Map', exact: true }).click());
console.log(`open the map to markers drawn: ${open.toFixed(0)} ms (${shown} colleges)`);

await page.getByText('Filters and sort order').click();
const changes = [
  ['country', 'GB'], ['delivery', 'online'], ['enrolment', 'open_to_all'], ['country', ''], ['delivery', ''],
];
const times = [];
for (const [field, value] of changes) {
  const [ms, count] = await timeUntilDrawn(() => page.locator(`#${field}`).selectOption(value));
  times.push(ms);
  console.log(`  filter ${field}=${value || '(any)'}: ${ms.toFixed(0)} ms to ${count} markers`);
}
times.sort((a, b) => a - b);
console.log(`filter change to updated markers: median ${times[Math.floor(times.length / 2)].toFixed(0)} ms, max ${times[times.length - 1].toFixed(0)} ms`);
await browser.close();

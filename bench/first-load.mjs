// A first visit as a browser makes it: every response body fetched from
// loading the page until the network is idle, as sent (compressed as
// served; headers not counted), with the service worker blocked and an empty cache, in headless
// Chromium on loopback. Usage: node bench/first-load.mjs BUDGET_KB PATH...
// (BUDGET_KB in units of 1,000 bytes). Prints each response and the total.
import { chromium } from '@playwright/test';

const base = process.env.BASE_URL;
const [budget, ...paths] = process.argv.slice(2);
const browser = await chromium.launch({
  executablePath: process.env.CHROME_PATH || '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking',
    '--disable-component-update', '--disable-sync', '--no-first-run'],
});
for (const path of paths) {
  // A phone, as Lighthouse's mobile preset: on a wide screen the directory
  // also shows its map, which loads Leaflet and the basemap.
  const context = await browser.newContext({
    serviceWorkers: 'block', locale: 'en-GB', viewport: { width: 375, height: 812 }, isMobile: true, hasTouch: true,
  });
  const page = await context.newPage();
  const sizes = [];
  page.on('requestfinished', async (request) => {
    const s = await request.sizes().catch(() => null);
    if (s) sizes.push([new URL(request.url()).pathname, s.responseBodySize]);
  });
  await page.goto(base + path, { waitUntil: 'networkidle' });
  await page.waitForSelector('#app[data-app=ready]');
  await page.waitForLoadState('networkidle');
  await context.close();
  const total = sizes.reduce((sum, [, bytes]) => sum + bytes, 0);
  console.log(`## First load of ${path}, every response until the network is idle (bodies as sent)`);
  for (const [p, bytes] of sizes) console.log(`  ${p.padEnd(60)} ${String(bytes).padStart(8)} bytes`);
  const kb = total / 1000;
  console.log(`  ${'total'.padEnd(60)} ${String(total).padStart(8)} bytes (${kb.toFixed(1)} KB; budget ${budget} KB${kb > Number(budget) ? ': OVER' : ''})`);
}
await browser.close();

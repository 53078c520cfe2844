// Directory -> a college's page -> Back, on a desktop-sized page in
// headless Chromium on loopback: time from the click (and from Back) to the
// new page's heading being in view, and how many documents were loaded
// after the first (the public app navigates without one). Five rounds;
// prints each and the median.
import { chromium } from '@playwright/test';

const base = process.env.BASE_URL;
const browser = await chromium.launch({
  executablePath: process.env.CHROME_PATH || '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking',
    '--disable-component-update', '--disable-sync', '--no-first-run'],
});
const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
let documents = 0;
page.on('request', (r) => { if (r.resourceType() === 'document') documents += 1; });
await page.goto(`${base}/colleges?q=recovery`);
await page.waitForSelector('#app[data-app=ready] .results-body');
documents = 0;

// The time of the click, as the page saw it (Back is timed from the call
// to history.back(): the router's popstate listener runs before any added
// here, and the page has changed by the time a later listener runs).
await page.evaluate(() => {
  document.addEventListener('click', () => { window.__t0 = performance.now(); }, true);
});

// Watches for the page's h1 to read something other than `before`, with
// text, in the viewport; records when (window.__seen).
function armHeadingWatch(before) {
  return page.evaluate((was) => {
    window.__seen = 0;
    const check = () => {
      const h1 = document.querySelector('main h1');
      if (!h1) return false;
      const text = h1.textContent.trim();
      const r = h1.getBoundingClientRect();
      return text !== '' && text !== was && r.bottom > 0 && r.top < innerHeight;
    };
    const observer = new MutationObserver(() => {
      if (!window.__seen && check()) { window.__seen = performance.now(); observer.disconnect(); }
    });
    observer.observe(document.body, { subtree: true, childList: true, characterData: true });
  }, before);
}

const heading = () => page.evaluate(() => document.querySelector('main h1').textContent.trim());
const toCollege = [];
const back = [];
for (let round = 0; round < 5; round++) {
  const link = page.locator('.results-body .college-name a').nth(round);
  const name = (await link.textContent()).trim();
  await armHeadingWatch(await heading());
  await link.click();
  await page.waitForFunction(() => window.__seen > 0);
  toCollege.push(await page.evaluate(() => window.__seen - window.__t0));
  await page.waitForSelector(`main h1:text-is(${JSON.stringify(name)})`);
  await armHeadingWatch(await heading());
  await page.evaluate(() => { window.__t0 = performance.now(); history.back(); });
  await page.waitForFunction(() => window.__seen > 0 && location.pathname === '/colleges');
  back.push(await page.evaluate(() => window.__seen - window.__t0));
  await page.waitForSelector('.results-body');
}
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
console.log(`  directory -> college, heading in view: ${toCollege.map((x) => x.toFixed(0)).join(', ')} ms; median ${median(toCollege).toFixed(0)} ms (budget 150)`);
console.log(`  college -> Back -> directory, heading in view: ${back.map((x) => x.toFixed(0)).join(', ')} ms; median ${median(back).toFixed(0)} ms (budget 150)`);
console.log(`  documents loaded after the first: ${documents} (budget 0)`);
await browser.close();

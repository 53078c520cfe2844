import { test, expect, Page } from './fixtures';
// axe runs in the page, so the first HTML is checked with the app's
// scripts blocked instead of with JavaScript off (see the last test).
import { expectNoAxeViolations } from './helpers';

const BERN = 'recovery-college-bern';

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  test('the directory can be searched and a college read', async ({ page }) => {
    const home = await page.goto('/');
    expect(home!.status()).toBe(200);
    await expect(page).toHaveTitle('Find a Recovery College – Recovery Colleges');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Find a Recovery College');

    // The search box is a plain form: it opens the directory's results.
    await page.getByLabel('Search for a college').fill('bern');
    await page.getByRole('button', { name: 'Search' }).click();
    await expect(page).toHaveURL(/\/colleges\?q=bern$/);
    await expect(page).toHaveTitle('Colleges matching “bern” – Recovery Colleges');
    await expect(page.locator('.result-count')).toHaveText('1 college found');

    // The country filter works the same way.
    await page.getByLabel('Search for a college').fill('');
    // The filters are folded away on the first HTML, as on a phone.
    await page.getByText('Filters and sort order').click();
    await page.getByLabel('Country').selectOption('JP');
    await page.getByRole('button', { name: 'Search' }).click();
    await expect(page).toHaveURL(/country=JP/);
    await expect(page).toHaveTitle('Colleges: Japan – Recovery Colleges');
    await expect(page.locator('.college-list .college-name').first()).toBeVisible();

    // A college's page, with its facts.
    await page.goto('/colleges?q=bern');
    await page.getByRole('link', { name: 'Recovery College Bern' }).click();
    await expect(page).toHaveURL(new RegExp(`/colleges/${BERN}$`));
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Recovery College Bern');
    await expect(page.getByText('Location', { exact: true })).toBeVisible();
    await expect(page.getByText(/^These details were compiled from public sources in November 2026\./)).toBeVisible();
  });

  test('every public page reads, and an unknown one is a 404', async ({ page }) => {
    const pages: [string, string][] = [
      ['/join', 'Join the Learning Set or talk to the Recovery College team'],
      ['/join/suggest', 'Suggest a change or add your college'],
      ['/feedback/nottingham-recovery-college', 'Course feedback'],
      ['/colleges?lang=ar', 'ابحث عن كلية'],
    ];
    for (const [path, h1] of pages) {
      const response = await page.goto(path);
      expect(response!.status(), path).toBe(200);
      await expect(page.getByRole('heading', { level: 1 })).toHaveText(h1);
      }
    const missing = await page.goto('/colleges/no-such-college');
    expect(missing!.status()).toBe(404);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Page not found');
  });
});

/** The page's layout shifts so far, as a PerformanceObserver sees them. */
async function layoutShift(page: Page): Promise<number> {
  return page.evaluate(() => new Promise<number>((done) => {
    let total = 0;
    const add = (entries: any[]) => {
      for (const entry of entries) {
        if (!entry.hadRecentInput) total += entry.value;
      }
    };
    const observer = new PerformanceObserver((list) => add(list.getEntries()));
    observer.observe({ type: 'layout-shift', buffered: true });
    // The buffered entries are queued at once: two frames on, whatever the
    // callback has not had yet is taken from the observer's queue.
    requestAnimationFrame(() => requestAnimationFrame(() => {
      add(observer.takeRecords());
      observer.disconnect();
      done(total);
    }));
  }));
}

/**
 * When the first contentful paint happened, and when the app's wasm was
 * asked for.
 */
async function paints(page: Page) {
  return page.evaluate(() => {
    const fcp = performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? -1;
    const wasm = performance.getEntriesByType('resource').find((r) => r.name.endsWith('_bg.wasm'))?.startTime ?? -1;
    return { fcp, wasm };
  });
}

/** Parts each page draws in a task of its own at the start (`Later`). */
const LATER_PARTS = '.country-counts li, .college-list li, .summary-row, select[name=country] option';

test('the app takes over the first HTML without moving the page', async ({ page }) => {
  // Each `#app` put into the page, and how many of the later-drawn parts it
  // held then: the server's, then the app's, whole.
  // Each largest-paint candidate, as the browser reports it (while its
  // element is still in the page), and when the app's page went in.
  await page.addInitScript((selector) => {
    const inserted: number[] = [];
    const largest: { time: number; what: string }[] = [];
    (window as any).appsInserted = inserted;
    (window as any).largestPaints = largest;
    new MutationObserver((records) => {
      for (const record of records) {
        for (const node of record.addedNodes) {
          if (node instanceof HTMLElement && node.id === 'app') {
            inserted.push(node.querySelectorAll(selector).length);
            (window as any).appInsertedAt = performance.now();
          }
        }
      }
    }).observe(document, { childList: true, subtree: true });
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries() as any[]) {
        const el = entry.element as Element | null;
        largest.push({ time: entry.startTime, what: `${el?.tagName} ${entry.size} px² "${(el?.textContent ?? '').slice(0, 40)}"` });
      }
    }).observe({ type: 'largest-contentful-paint', buffered: true });
  }, LATER_PARTS);
  const shifts: Record<string, number> = {};
  for (const path of ['/', '/colleges?q=bern', `/colleges/${BERN}`, '/join', '/feedback/nottingham-recovery-college']) {
    await page.goto(path);
    await expect(page.locator('#app')).toHaveAttribute('data-app', 'ready');
    // The app's page went in once, with every part its start drew later.
    const inserted: number[] = await page.evaluate(() => (window as any).appsInserted);
    const parts = await page.locator('#app').locator(LATER_PARTS).count();
    expect(inserted.length, path).toBe(2);
    expect(inserted[1], path).toBe(parts);
    if (!path.startsWith('/feedback')) expect(parts, path).toBeGreaterThan(0);
    // Let the app's first data and any late content settle: no request
    // under way, then two frames drawn after it.
    await page.waitForLoadState('networkidle');
    await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));
    shifts[path] = await layoutShift(page);
    // The wasm is asked for only once the first HTML has painted, and the
    // app's redraw of the page is not a larger paint than the server's:
    // every largest-paint candidate came before the app's page went in.
    // (The server's HTML itself may paint in more than one frame, as the
    // browser parses it.)
    const { fcp, wasm } = await paints(page);
    expect(fcp, path).toBeGreaterThan(0);
    expect(wasm, path).toBeGreaterThanOrEqual(fcp);
    const swap: number = await page.evaluate(() => (window as any).appInsertedAt);
    const largest: { time: number; what: string }[] = await page.evaluate(() => (window as any).largestPaints);
    expect(largest.length, path).toBeGreaterThan(0);
    expect(largest.filter((p) => p.time >= swap), `${path}: the app went in at ${swap}`).toEqual([]);
  }
  console.log('layout shift when the app takes over:', JSON.stringify(shifts));
  for (const [path, shift] of Object.entries(shifts)) {
    expect(shift, path).toBeLessThan(0.1);
  }
  await expectNoAxeViolations(page);
});

test('the first HTML of every public page passes axe, before the app starts', async ({ browser, baseURL }) => {
  // A page whose loads do not wait for the app, which never starts here:
  // the page stays as the server sent it.
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.route(/\.(js|wasm)(\?.*)?$/, (route) => route.abort());
  for (const path of ['/', '/colleges?q=bern', `/colleges/${BERN}`, '/colleges?lang=ar', '/join', '/join/suggest',
    '/feedback/nottingham-recovery-college', '/join/sent/ENQ-2026-00001', '/colleges/no-such-college']) {
    await page.goto(new URL(path, baseURL).toString());
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    await expect(page.locator('#app')).not.toHaveAttribute('data-app', 'ready');
    await expectNoAxeViolations(page);
  }
  await context.close();
});

test('without the app, a form says what to do where its button waits', async ({ browser, baseURL }) => {
  // The HTML arrived and the app did not (a poor connection, or no
  // JavaScript): the button is grey, and a few seconds on, it says why.
  const context = await browser.newContext({ viewport: { width: 375, height: 812 } });
  const page = await context.newPage();
  await page.route(/\.(js|wasm)(\?.*)?$/, (route) => route.abort());
  // (The enquiry form needs no app: see join.spec.ts.)
  const cases: [string, string][] = [
    [`/join/suggest?college=${BERN}`, 'Send suggestion'],
    ['/feedback/nottingham-recovery-college', 'Start now'],
  ];
  for (const [path, button] of cases) {
    await page.goto(new URL(path, baseURL).toString());
    const send = page.getByRole('button', { name: button });
    await expect(send, path).toBeDisabled();
    const note = page.locator('#waits-for-app');
    await expect(note, path).toBeVisible({ timeout: 10_000 });
    await expect(note, path).toHaveText(/reload the page/);
    await expect(send, path).toHaveAttribute('aria-describedby', 'waits-for-app');
    await expectNoAxeViolations(page);
  }
  await context.close();
});

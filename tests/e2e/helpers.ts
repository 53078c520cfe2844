import { expect, Page, request, APIRequestContext } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';

/** Fails on any WCAG 2.2 A/AA violation axe-core finds on the page as it is now. */
export async function expectNoAxeViolations(page: Page) {
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'])
    .analyze();
  const summary = results.violations.map(
    (v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`,
  );
  expect(summary).toEqual([]);
}

/** Records every request the page makes to an origin other than ours. */
export function watchForeignRequests(page: Page, baseURL: string): string[] {
  const foreign: string[] = [];
  const origin = new URL(baseURL).origin;
  page.on('request', (req) => {
    const url = req.url();
    if (!url.startsWith(origin) && !url.startsWith('data:')) foreign.push(url);
  });
  return foreign;
}

/** The names of the colleges listed, in order, once the list answers the URL's query. */
export async function listedNames(page: Page): Promise<string[]> {
  await page.waitForFunction(() => {
    const list = document.querySelector('.results-body');
    return list !== null && list.getAttribute('data-query') === location.search.replace(/^\?/, '');
  });
  return page.locator('.college-list .college-name').allInnerTexts();
}

/** Waits until the app has replaced the static skeleton. */
export async function appReady(page: Page) {
  await expect(page.locator('main#main h1')).toBeVisible();
}

/** Opens "Filters and sort order" if it is closed (it starts closed on phones). */
export async function showFilters(page: Page) {
  const details = page.locator('details.more-filters');
  if (!(await details.evaluate((d: HTMLDetailsElement) => d.open))) {
    await page.getByText('Filters and sort order').click();
  }
  await expect(page.getByLabel('Country')).toBeVisible();
}

/** Fails if the page scrolls sideways (WCAG 1.4.10 reflow): content must fit the viewport's width. */
export async function expectNoHorizontalScroll(page: Page) {
  // Measured against the viewport asked for, not window.innerWidth: a
  // mobile browser widens its layout viewport to fit wide content, which
  // would hide the very overflow looked for.
  const width = page.viewportSize()!.width;
  const scrollWidth = await page.evaluate(() => document.documentElement.scrollWidth);
  expect(scrollWidth, `the page is ${scrollWidth} px wide in a ${width} px viewport`).toBeLessThanOrEqual(width);
}

/**
 * Counts the documents the page loads from now on (its frame's
 * navigations that fetch a document, not the app's own history changes):
 * call the returned function for the count so far.
 */
export function countDocumentLoads(page: Page): () => number {
  let loads = 0;
  page.on('request', (request) => {
    if (request.resourceType() === 'document' && request.frame() === page.mainFrame()) loads += 1;
  });
  return () => loads;
}

/** The team's account, made by scripts/e2e.sh. */
export const TEAM = { email: 'team@example.org', password: 'e2e team password' };

/** The signature a staff-made survey link carries for `course`, asked for
 * as the staff side asks: signed in as the team. */
export async function courseSig(course: string, college = 'recovery-college-bern'): Promise<string> {
  const baseURL = process.env.BASE_URL!;
  const api = await request.newContext({ baseURL, extraHTTPHeaders: { origin: baseURL } });
  expect((await api.post('/api/session', { data: TEAM })).status()).toBe(200);
  const query = new URLSearchParams({ college, survey: 'course-feedback', course });
  const res = await api.get(`/api/staff/course-links?${query}`);
  expect(res.status()).toBe(200);
  const { sig } = await res.json();
  await api.dispose();
  return sig;
}

/** Signs in on the staff side's own form, from `path`. */
export async function signIn(page: Page, who: { email: string; password: string }, path = '/staff') {
  await page.goto(path);
  await appReady(page);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Sign in to the staff pages');
  await page.getByLabel('Email address').fill(who.email);
  await page.getByLabel('Password').fill(who.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('button', { name: 'Sign out' })).toBeVisible();
}

/** Sends an enquiry through the API; its reference. */
export async function sendEnquiry(request: APIRequestContext, name: string, kind = 'training_consultancy', message = `Hello from ${name}`) {
  const { token } = await (await request.get('/api/enquiries/token')).json();
  const res = await request.post('/api/enquiries', {
    data: {
      kind, name, email: `${name.replace(/\W/g, '').toLowerCase()}@example.org`, organisation: 'E2E Trust',
      role: 'Lead', country: 'IE', message, consent: true, token,
    },
  });
  expect(res.status()).toBe(201);
  return (await res.json()).reference as string;
}

import { expect, Page, request, APIRequestContext } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';

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

/** Runs one SQL statement on the test server's database; its rows as text. */
export function sql(statement: string, ...args: string[]): string {
  return execFileSync('python3', ['-c', `
import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
rows = db.execute(sys.argv[2], sys.argv[3:]).fetchall()
db.commit()
print("\\n".join("|".join(str(c) for c in r) for r in rows))
`, process.env.E2E_DB!, statement, ...args]).toString().trim();
}

/** `n` course-feedback responses to `college`'s `course`, moved to `monthsAgo` months back. */
export async function sendResponses(request: APIRequestContext, course: string, n: number, first = 0,
  college = 'recovery-college-bern', monthsAgo = 1) {
  // From a staff-made link: a course without its signature is not kept.
  const sig = await courseSig(course, college);
  for (let i = first; i < first + n; i++) {
    const res = await request.post('/api/responses', {
      data: {
        id: randomUUID(), survey: 'course-feedback', version: 1, college, course, sig, date: '2026-11-20',
        // One answered in Danish, a draft translation.
        language: i === 4 ? 'da' : 'en', answers: {
          fft: i % 3 === 0 ? 'good' : 'very_good', learned_useful: 'agree',
          went_well: `Comment ${i} on ${course}`, quote_consent: i === 0,
        },
      },
    });
    expect(res.status()).toBe(201);
  }
  // A month's results open once it has ended: these arrived in an ended month.
  // (Only those just sent: a course's earlier months stay as they were.)
  sql(`update survey_responses set received_on = date('now', 'start of month', '-${monthsAgo} month')
       where course = ? and college = ? and received_on >= date('now', 'start of month')`, course, college);
}

/** An account for one college's staff, made by the team (through the API). */
export async function collegeAccount(college: string, email: string, password: string) {
  const baseURL = process.env.BASE_URL!;
  const api = await request.newContext({ baseURL, extraHTTPHeaders: { origin: baseURL } });
  expect((await api.post('/api/session', { data: TEAM })).status()).toBe(200);
  const res = await api.post('/api/staff/accounts', {
    data: { name: 'Small College Staff', email, role: 'college_staff', colleges: [college], password },
  });
  expect(res.status()).toBe(201);
  await api.dispose();
}


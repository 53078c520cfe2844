import { test, expect, Page } from './fixtures';
import { execFileSync } from 'node:child_process';
import { appReady, courseSig, expectNoAxeViolations, expectNoHorizontalScroll } from './helpers';

/** Responses stored for `course`, read from the server's own SQLite file. */
function storedFor(course: string): { fft: string; count: number } {
  const out = execFileSync('python3', ['-c', `
import json, sqlite3, sys
db = sqlite3.connect(sys.argv[1])
rows = db.execute("select answers from survey_responses where course = ?", (sys.argv[2],)).fetchall()
print(json.dumps({"count": len(rows), "fft": json.loads(rows[0][0]).get("fft", "") if rows else ""}))
`, process.env.E2E_DB!, course]).toString();
  return JSON.parse(out);
}

/** A staff-made survey link for `course`: signed, as the staff side makes it. */
const start = async (course: string, lang = 'en') =>
  `/feedback/recovery-college-bern?course=${encodeURIComponent(course)}&sig=${await courseSig(course)}&date=2026-11-26${lang ? `&lang=${lang}` : ''}`;

async function next(page: Page, label = 'Continue') {
  await page.getByRole('button', { name: label }).click();
}

test('complete a survey, change an answer on the check page, send it', async ({ page }) => {
  const course = `Complete ${Date.now()}`;
  await page.goto(await start(course));
  await appReady(page);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Course feedback');
  await expect(page.getByText('Recovery College Bern would like your feedback.')).toBeVisible();
  await expect(page.getByText(`Course or session: ${course}`)).toBeVisible();
  await expect(page.getByText(/It is anonymous/)).toBeVisible();
  await expectNoAxeViolations(page);
  await page.getByRole('button', { name: 'Start now' }).click();

  // The required question: an error summary that takes focus and links to the answer.
  await expect(page.getByText('Question 1 of 9')).toBeVisible();
  await next(page);
  const summary = page.getByRole('alert');
  await expect(summary).toContainText('There is a problem');
  await expect(summary).toBeFocused();
  await expectNoAxeViolations(page);
  await summary.getByRole('link', { name: 'Select an answer' }).click();
  await expect(page.getByLabel('Very good')).toBeFocused();
  await page.getByLabel('Very good').check();
  await next(page);

  await expect(page.getByRole('heading', { level: 1 })).toContainText('Please tell us why you gave this answer.');
  await expect(page.getByRole('heading', { level: 1 })).toBeFocused();
  await page.getByLabel(/Please tell us why/).fill('The tutor listened.');
  await expect(page.getByText('You have 981 characters remaining')).toBeVisible();
  await expectNoAxeViolations(page);
  await next(page);
  await page.getByLabel('Strongly agree').check();
  await next(page);
  // Optional questions can be skipped.
  for (let i = 4; i <= 8; i++) {
    await expect(page.getByText(`Question ${i} of 9`)).toBeVisible();
    await next(page);
  }
  await page.getByLabel('Yes').check();
  await next(page);

  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Check your answers before sending them');
  await expect(page.locator('.summary-row', { hasText: 'Overall, how was your experience' })).toContainText('Very good');
  await expect(page.locator('.summary-row', { hasText: 'What went well?' })).toContainText('Not answered');
  await expectNoAxeViolations(page);
  await page.locator('.summary-row', { hasText: 'Overall, how was your experience' }).getByRole('link', { name: /Change/ }).click();
  await page.getByLabel('Good', { exact: true }).check();
  await next(page);
  await expect(page.locator('.summary-row', { hasText: 'Overall, how was your experience' })).toContainText('Good');

  await page.getByRole('button', { name: 'Send your answers' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Thank you, your answers have been sent');
  // Where to get help now, in the college's country, each number with its source.
  const help = page.locator('.help-now-prominent');
  await expect(help.getByRole('heading', { name: 'If you need help now' })).toBeVisible();
  await expect(help).toContainText('Switzerland: in an emergency, call 144.');
  await expect(help.getByRole('link', { name: '143', exact: true })).toHaveAttribute('href', 'tel:143');
  await expect(help.getByRole('link', { name: 'source: 143' })).toHaveAttribute('href', /^https:\/\//);
  await expectNoAxeViolations(page);
  expect(storedFor(course)).toEqual({ count: 1, fft: 'good' });
});

test('a course the staff did not name is not shown', async ({ page }) => {
  const words = 'URGENT: text your NHS number to 07700 900000';
  for (const sig of ['', `&sig=${'0'.repeat(24)}`]) {
    await page.goto(`/feedback/recovery-college-bern?course=${encodeURIComponent(words)}${sig}&lang=en`);
    await appReady(page);
    await expect(page.getByText('Recovery College Bern would like your feedback.')).toBeVisible();
    await expect(page.getByRole('button', { name: 'Start now' })).toBeVisible();
    // The forged link's check has been answered, and the words are nowhere.
    await page.waitForLoadState('networkidle');
    await expect(page.locator('main')).not.toContainText('URGENT');
  }
});

test('reload halfway and carry on where you were, at 320px wide', async ({ page }) => {
  await page.setViewportSize({ width: 320, height: 640 });
  const course = `Resume ${Date.now()}`;
  await page.goto(await start(course));
  await appReady(page);
  await expectNoHorizontalScroll(page);
  await page.getByRole('button', { name: 'Start now' }).click();
  await page.getByLabel('Neither good nor poor').check();
  await next(page);
  await page.getByLabel(/Please tell us why/).fill('Half way through');
  await next(page);
  await page.reload();
  await expect(page.getByText('Question 3 of 9')).toBeVisible();
  await expectNoHorizontalScroll(page);
  // Closing the tab and opening the link again offers to continue.
  await page.goto(await start(course));
  await page.getByRole('link', { name: 'Continue where you left off' }).click();
  await expect(page.getByText('Question 3 of 9')).toBeVisible();
  await page.getByRole('link', { name: 'Back' }).click();
  await expect(page.getByLabel(/Please tell us why/)).toHaveValue('Half way through');
  await page.getByRole('link', { name: 'Back' }).click();
  await expect(page.getByLabel('Neither good nor poor')).toBeChecked();
});

test('offline when sending: kept on the phone, sent once back online', async ({ page, context }) => {
  const course = `Offline ${Date.now()}`;
  await page.goto(await start(course));
  await appReady(page);
  await page.getByRole('button', { name: 'Start now' }).click();
  await page.getByLabel('Poor', { exact: true }).check();
  await next(page);
  await page.goto((await start(course)).replace('?', '/check?'));
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Check your answers before sending them');

  await context.setOffline(true);
  await page.getByRole('button', { name: 'Send your answers' }).click();
  await expect(page.getByText('Saved on this phone. It will be sent when you are back online.')).toBeVisible();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Your answers are saved on this phone');
  await expectNoAxeViolations(page);
  expect(storedFor(course).count).toBe(0);

  await context.setOffline(false);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Thank you, your answers have been sent');
  expect(storedFor(course)).toEqual({ count: 1, fft: 'poor' });
});

test('a response kept on the phone is sent from the directory too', async ({ page }) => {
  const course = `Kept ${Date.now()}`;
  await page.goto(await start(course));
  await appReady(page);
  await page.getByRole('button', { name: 'Start now' }).click();
  await page.getByLabel('Good', { exact: true }).check();
  await next(page);
  await page.goto((await start(course)).replace('?', '/check?'));
  // The request fails on the way (a dropped connection).
  await page.route('**/api/responses', (route) => route.abort('internetdisconnected'));
  await page.getByRole('button', { name: 'Send your answers' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Your answers are saved on this phone');
  expect(storedFor(course).count).toBe(0);
  await page.unroute('**/api/responses');

  // Later, the student opens the directory, not the survey.
  await page.goto('/colleges');
  await appReady(page);
  await expect.poll(() => storedFor(course)).toEqual({ count: 1, fft: 'good' });
  // …and leaves the phone's outbox once the server has it.
  await expect.poll(() => page.evaluate(() => localStorage.getItem('rc-feedback-outbox') ?? '')).not.toContain(course);
});

test('a double tap on send stores one response', async ({ page }) => {
  const course = `Double ${Date.now()}`;
  await page.goto(await start(course));
  await appReady(page);
  await page.getByRole('button', { name: 'Start now' }).click();
  await page.getByLabel('Very good').check();
  await page.goto((await start(course)).replace('?', '/check?'));
  await page.getByRole('button', { name: 'Send your answers' }).dblclick();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Thank you, your answers have been sent');
  expect(storedFor(course).count).toBe(1);
});

test('German throughout', async ({ page }) => {
  const course = `Deutsch ${Date.now()}`;
  await page.goto(await start(course));
  await appReady(page);
  await page.locator('.language-menu summary').click();
  await page.getByRole('link', { name: 'Deutsch' }).click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'de');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Rückmeldung zum Kurs');
  await expect(page.getByRole('link', { name: 'College finden' })).toBeVisible();
  await expectNoAxeViolations(page);
  await page.getByRole('button', { name: 'Jetzt beginnen' }).click();
  await expect(page.getByText('Frage 1 von 9')).toBeVisible();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Wie war Ihre Erfahrung mit unserem Angebot insgesamt?');
  await next(page, 'Weiter');
  await expect(page.getByRole('alert')).toContainText('Es gibt ein Problem');
  await page.getByLabel('Sehr gut').check();
  await next(page, 'Weiter');
  await expect(page.getByText('Sie haben noch 1.000 Zeichen')).toBeVisible();
  await page.goto((await start(course, 'de')).replace('?', '/check?'));
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Prüfen Sie Ihre Antworten, bevor Sie sie senden');
  await expect(page.locator('.summary-row').first()).toContainText('Sehr gut');
  await expectNoAxeViolations(page);
  await page.getByRole('button', { name: 'Antworten senden' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Vielen Dank, Ihre Antworten wurden gesendet');
  expect(storedFor(course)).toEqual({ count: 1, fft: 'very_good' });
});

test('once opened, the survey opens again without a connection', async ({ page, context }) => {
  const course = `Service worker ${Date.now()}`;
  await page.goto(await start(course));
  await appReady(page);
  await page.evaluate(() => navigator.serviceWorker.ready.then(() => true));
  // A second load, under the worker's control, fills its cache.
  await page.reload();
  await appReady(page);
  await expect.poll(() => page.evaluate(() => navigator.serviceWorker.controller !== null)).toBe(true);
  await context.setOffline(true);
  await page.reload();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Course feedback');
  await page.getByRole('button', { name: 'Start now' }).click();
  await expect(page.getByText('Question 1 of 9')).toBeVisible();
  await context.setOffline(false);
});

test('on a connection that hangs, a second visit to a survey shows its page within 4 s', async ({ page, context }) => {
  const course = `Lie-fi ${Date.now()}`;
  await page.goto(await start(course));
  await page.evaluate(() => navigator.serviceWorker.ready.then(() => true));
  await page.reload();
  await expect.poll(() => page.evaluate(() => navigator.serviceWorker.controller !== null)).toBe(true);
  // Now nothing answers and nothing fails: every request, the worker's
  // own included, waits for ever.
  const hung: string[] = [];
  await context.route('**/*', (route) => { hung.push(route.request().url()); });
  const began = Date.now();
  await page.goto(await start(course), { waitUntil: 'commit' });
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Course feedback', { timeout: 4_000 });
  expect(Date.now() - began).toBeLessThan(4_000);
  // The worker did ask the network for the page before giving up on it.
  expect(hung.some((url) => url.includes('/feedback/'))).toBe(true);
  // The app's files come from the cache without asking: it starts.
  await expect(page.locator('#app')).toHaveAttribute('data-app', 'ready');
  await context.unroute('**/*');
});

test('a new build\'s service worker deletes the old builds\' files', async ({ page }) => {
  await page.goto(await start('New build'));
  await page.evaluate(() => navigator.serviceWorker.ready.then(() => true));
  const keys = await page.evaluate(async () => {
    // What an older build's worker left behind.
    const old = await caches.open('recovery-colleges-0123456789abcdef');
    await old.put('/recovery-colleges-0123456789abcdef_bg.wasm', new Response('old'));
    // A new worker installs and activates, as after a deploy (a new
    // script address makes the browser install it again).
    const fresh = await navigator.serviceWorker.register('/sw.js?next');
    const worker = (fresh.installing || fresh.waiting || fresh.active)!;
    if (worker.state !== 'activated') {
      await new Promise<void>((done) => worker.addEventListener('statechange', () => {
        if (worker.state === 'activated') done();
      }));
    }
    return caches.keys();
  });
  expect(keys).toHaveLength(1);
  expect(keys[0]).toMatch(/^recovery-colleges-[0-9a-f]{16}$/);
  expect(keys[0]).not.toBe('recovery-colleges-0123456789abcdef');
  // The new build's app pages and their files were kept at install.
  const kept = await page.evaluate(async (key) => {
    const cache = await caches.open(key);
    return (await cache.keys()).map((r) => new URL(r.url).pathname);
  }, keys[0]);
  expect(kept).toContain('/feedback-app/index.html');
  expect(kept.some((p) => /^\/feedback-app\/feedback-[0-9a-f]+_bg\.wasm$/.test(p))).toBe(true);
});

test('a printable poster with the link as a QR code', async ({ page, baseURL }) => {
  // A college in England: its survey and poster are in English.
  await page.goto('/colleges/nottingham-recovery-college');
  await appReady(page);
  await page.getByRole('link', { name: 'Poster with a QR code, for tutors' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Give feedback on this course');
  const link = `${baseURL}/feedback/nottingham-recovery-college`;
  await expect(page.getByText(link, { exact: true })).toBeVisible();
  const qr = page.getByRole('img', { name: `QR code for ${link}` });
  await expect(qr).toBeVisible();
  await expect.poll(() => qr.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBeGreaterThan(0);
  await expectNoAxeViolations(page);

  // A course's poster names the college, the course and the session's day,
  // and prints its link as a person would type it (no %E2%80%93).
  const course = 'Anxiety – part 1';
  const sig = await courseSig(course, 'nottingham-recovery-college');
  await page.goto(`/feedback/nottingham-recovery-college/poster?course=${encodeURIComponent(course)}&sig=${sig}&date=2026-11-20`);
  await expect(page.getByText('Nottingham Recovery College would like your feedback.')).toBeVisible();
  await expect(page.getByText(`Course or session: ${course}`)).toBeVisible();
  await expect(page.locator('.poster-date')).toHaveText(/^(20 November 2026|November 20, 2026)$/);
  await expect(page.locator('.poster-url')).toHaveText(
    `${baseURL}/feedback/nottingham-recovery-college?course=${course}&sig=${sig}&date=2026-11-20`);
  // The QR code carries the link exactly, encoded.
  await expect(page.getByRole('img', { name: /^QR code for / })).toHaveAttribute('alt', /course=Anxiety\+%E2%80%93\+part\+1/);
});

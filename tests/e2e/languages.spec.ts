import { test, expect, Page, Browser, appAware } from './fixtures';
import { readFileSync } from 'fs';
import { join } from 'path';
import { appReady, courseSig, expectNoAxeViolations, expectNoHorizontalScroll } from './helpers';

// One walk per language at 320 px, phone-sized: the directory, a college's
// page, the home page, a missing page, the join form, the suggestion form,
// a survey's poster and the survey from start to sent, each checked for
// `html lang` and `dir`, words from the right catalogue, no English left
// behind, no sideways scroll, and axe. English is walked by the other specs.

type Catalogue = Record<string, any>;
const catalogue = (tag: string): Catalogue =>
  JSON.parse(readFileSync(join(__dirname, '../../locales', `${tag}.json`), 'utf8'));
const english = catalogue('en');
const LANGS = ['de', 'fr', 'nl', 'it', 'da', 'sv', 'nb', 'fi', 'ja', 'zh-Hant', 'pl', 'ar', 'ur'];
const BERN = 'recovery-college-bern';
const JAPANESE_COLLEGE = 'recovery-college-mitaka';

test.use({ viewport: { width: 320, height: 640 } });

/** The page is in `tag`: lang and dir set, no unfilled placeholder, no English sentence left untranslated. */
async function expectIn(page: Page, tag: string) {
  const words = catalogue(tag);
  await expect(page.locator('html')).toHaveAttribute('lang', tag);
  await expect(page.locator('html')).toHaveAttribute('dir', words['@meta'].dir);
  // The words the language menu and the offer give in another language
  // (each language's own name, "Read this in English?") are not
  // left-overs; anything else in English is, even if marked as English.
  const text = await page.evaluate((tag) => {
    let text = document.body.innerText;
    for (const el of document.body.querySelectorAll<HTMLElement>('.language-menu [lang], .language-offer[lang]')) {
      if (el.lang !== tag && el.innerText) text = text.replace(el.innerText, '');
    }
    return text;
  }, tag);
  expect(text).not.toMatch(/\{[a-z_]+\}/);
  // An English message of a few words anywhere, or a one-word one as a whole
  // line ("Organisation" is also inside "Organisational Change", a name).
  const lines = text.split('\n').map((l) => l.trim());
  const leftovers = Object.entries(english)
    .filter(([k, v]) => typeof v === 'string' && !k.startsWith('@') && v.length >= 8 && words[k] !== v)
    .map(([, v]) => v as string)
    .filter((v) => (v.includes(' ') ? text.includes(v) : lines.includes(v)));
  expect(leftovers).toEqual([]);
  await expectNoHorizontalScroll(page);
}

async function check(page: Page, tag: string) {
  await expectIn(page, tag);
  await expectNoAxeViolations(page);
}

const h1 = (page: Page) => page.getByRole('heading', { level: 1 });

for (const tag of LANGS) {
  test(`${tag}: every public page, and the survey from start to sent`, async ({ page }) => {
    test.setTimeout(90_000);
    const w = catalogue(tag);

    // The browser's plural rules agree with the catalogue's forms.
    await page.goto(`/colleges?lang=${tag}`);
    await appReady(page);
    await expect(h1(page)).toHaveText(w.directory_title);
    const categories = await page.evaluate(
      (t) => new Intl.PluralRules(t).resolvedOptions().pluralCategories.slice().sort(), tag);
    expect(Object.keys(w.colleges_found).sort()).toEqual(categories);
    await expect(page.locator('.college-list .college-name a').first()).toBeVisible();
    await check(page, tag);

    // A college's page, from the list: still in the language.
    await page.goto(`/colleges/${BERN}`);
    await expect(page.getByRole('link', { name: w.college_back })).toBeVisible();
    await expect(page.getByRole('heading', { name: w.college_contact_heading })).toBeVisible();
    await check(page, tag);
    if (w['@meta'].dir === 'rtl') {
      // Mirrored: the back link starts at the right.
      const box = (await page.getByRole('link', { name: w.college_back }).boundingBox())!;
      expect(box.x + box.width).toBeGreaterThan(320 - 40);
      expect(box.x).toBeGreaterThan(40);
    }

    // The home page, and a page that is not there.
    await page.goto('/');
    await expect(h1(page)).toHaveText(w.home_title);
    await expect(page.locator('.country-counts li').first()).toBeVisible();
    await check(page, tag);
    const missing = await page.goto('/colleges/no-such-college');
    expect(missing!.status()).toBe(404);
    await expect(h1(page)).toHaveText(w.not_found_title);
    await check(page, tag);

    // The join form: the tab's choice carries over.
    await page.goto('/join');
    await expect(h1(page)).toHaveText(w.join_title);
    await expect(page.getByRole('button', { name: w.enquiry_send })).toBeVisible();
    await check(page, tag);
    await page.goto('/join/suggest');
    await expect(h1(page)).toHaveText(w.suggest_title);
    await check(page, tag);

    // A college's poster for its survey.
    await page.goto(`/feedback/${BERN}/poster`);
    await expect(h1(page)).toHaveText(w.poster_title);
    await check(page, tag);

    // The survey, in the language chosen for the tab, start to sent.
    const course = `Walk ${tag} ${Date.now()}`;
    await page.goto(`/feedback/${BERN}?course=${encodeURIComponent(course)}&sig=${await courseSig(course)}`);
    await expect(h1(page)).toHaveText(w.survey['course-feedback.title']);
    await check(page, tag);
    await page.getByRole('button', { name: w.feedback_start }).click();
    let first = true;
    for (let n = 1; n <= 20; n++) {
      await expect(page.locator('h1')).toBeVisible();
      if ((await h1(page).innerText()) === w.feedback_check_title) break;
      const radios = page.locator('input[type=radio]');
      if (await radios.count()) await radios.first().check();
      const boxes = page.locator('input[type=checkbox]');
      if (await boxes.count()) await boxes.first().check();
      const area = page.locator('textarea');
      if (await area.count()) await area.fill('ok');
      if (first) {
        // The first question: its own words, and the progress line.
        await expect(h1(page)).toHaveText(w.survey['course-feedback.fft.text']);
        await check(page, tag);
        // Every translation is a draft: each survey page says so, once.
        await expect(page.locator('.language-draft')).toHaveText(w.language_draft);
        first = false;
      }
      const before = await h1(page).innerText();
      await page.getByRole('button', { name: w.feedback_continue }).click();
      await expect(h1(page)).not.toHaveText(before);
    }
    await expect(h1(page)).toHaveText(w.feedback_check_title);
    await check(page, tag);
    await expect(page.locator('.language-draft')).toHaveText(w.language_draft);
    await page.getByRole('button', { name: w.feedback_send }).click();
    await expect(h1(page)).toHaveText(w.feedback_sent_title);
    await check(page, tag);
    await expect(page.locator('.language-draft')).toHaveText(w.language_draft);
  });
}

async function englishBrowser(browser: Browser, locale: string) {
  const context = await browser.newContext({ locale, viewport: { width: 412, height: 800 } });
  return { context, page: appAware(await context.newPage()) };
}

test('a survey link opens in its college\'s language; ?lang= and the student\'s choice win over it; the directory follows the browser', async ({ browser }) => {
  const ja = catalogue('ja');
  const pl = catalogue('pl');
  const { context, page } = await englishBrowser(browser, 'en-GB');
  expect(await page.evaluate(() => navigator.language)).toBe('en-GB');

  // A Japanese college's survey, in a browser set to English: Japanese.
  await page.goto(`/feedback/${JAPANESE_COLLEGE}`);
  await expect(h1(page)).toHaveText(ja.survey['course-feedback.title']);
  await expectIn(page, 'ja');
  await expectNoAxeViolations(page);

  // ?lang= wins over the college's language.
  await page.goto(`/feedback/${JAPANESE_COLLEGE}?lang=en`);
  await expect(h1(page)).toHaveText('Course feedback');
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');

  // The student's own choice from the menu wins too, and lasts for the tab.
  await page.locator('.language-menu summary').click();
  await page.getByRole('link', { name: 'Polski' }).click();
  await expect(h1(page)).toHaveText(pl.survey['course-feedback.title']);
  await page.goto(`/feedback/${JAPANESE_COLLEGE}`);
  await expect(h1(page)).toHaveText(pl.survey['course-feedback.title']);
  await expect(page.locator('html')).toHaveAttribute('lang', 'pl');
  await context.close();

  // The directory follows the browser: Danish, then English for a language we lack.
  const danish = await englishBrowser(browser, 'da-DK');
  await danish.page.goto('/colleges');
  await expect(h1(danish.page)).toHaveText(catalogue('da').directory_title);
  await expect(danish.page.locator('html')).toHaveAttribute('lang', 'da');
  await danish.context.close();
  const portuguese = await englishBrowser(browser, 'pt-BR');
  await portuguese.page.goto('/colleges');
  await expect(h1(portuguese.page)).toHaveText(english.directory_title);
  await portuguese.context.close();
});

test('a Danish survey on an English phone offers English in one tap; every survey page has the menu; answers are kept', async ({ browser }) => {
  const da = catalogue('da');
  const { context, page } = await englishBrowser(browser, 'en-GB');
  await page.goto('/feedback/recoveryskolen-aarhus');
  await expect(h1(page)).toHaveText(da.survey['course-feedback.title']);
  // The offer, in English, at the top; the menu says "Language" in English too.
  const offer = page.locator('.language-offer');
  await expect(offer).toHaveAttribute('lang', 'en');
  await expect(offer.getByRole('link')).toHaveText('Read this in English?');
  await expect(offer).toBeInViewport();
  await expect(page.locator('.language-menu summary')).toHaveText(`${da.language_menu} / Language: Dansk`);
  await expect(page.locator('.language-menu summary svg')).toHaveAttribute('aria-hidden', 'true');
  await check(page, 'da');

  // Into the questions in Danish: each page has the menu and the offer.
  await page.getByRole('button', { name: da.feedback_start }).click();
  await expect(h1(page)).toHaveText(da.survey['course-feedback.fft.text']);
  await expect(page.locator('.language-menu')).toHaveCount(1);
  await expect(offer).toBeVisible();
  await check(page, 'da');
  await page.locator('input[type=radio]').nth(1).check();
  await page.getByRole('button', { name: da.feedback_continue }).click();
  await expect(h1(page)).not.toHaveText(da.survey['course-feedback.fft.text']);
  await expect(page.locator('.language-menu')).toHaveCount(1);

  // One tap: the same question in English, and the offer gone.
  await offer.getByRole('link').click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(page).toHaveURL(/\/question\/2\?lang=en$/);
  await expect(offer).toHaveCount(0);
  await expect(page.locator('.language-menu summary')).toHaveText('Language: English');
  // The answer given in Danish is kept.
  await page.getByRole('link', { name: 'Back' }).click();
  await expect(h1(page)).toHaveText('Overall, how was your experience of our service?');
  await expect(page.locator('input[type=radio]').nth(1)).toBeChecked();
  await expectNoAxeViolations(page);
  await context.close();
});

test('a survey opens in its college\'s language from the first HTML, even with the API hanging', async ({ browser }) => {
  const ja = catalogue('ja');
  const { context, page } = await englishBrowser(browser, 'en-GB');
  // The app asks the API nothing to choose the language: the server chose it.
  await page.route('**/api/**', () => {});
  await page.goto('/feedback/recovery-college-tachikawa');
  await expect(page.locator('html')).toHaveAttribute('lang', 'ja');
  await expect(h1(page)).toHaveText(ja.survey['course-feedback.title'], { timeout: 4_000 });
  await expect(page.locator('#app')).toHaveAttribute('data-app', 'ready');
  await expect(h1(page)).toHaveText(ja.survey['course-feedback.title']);
  await context.close();
});

test('the language menu lists every language in its own name, keeps the filters, and marks drafts', async ({ page }) => {
  await page.goto('/colleges?country=JP');
  await appReady(page);
  const menu = page.locator('.language-menu');
  await menu.locator('summary').click();
  const names = await menu.getByRole('link').allInnerTexts();
  expect(names).toEqual(['English', 'العربية', 'Dansk', 'Deutsch', 'Suomi', 'Français', 'Italiano', '日本語',
    'Norsk bokmål', 'Nederlands', 'Polski', 'Svenska', 'اردو', '繁體中文']);
  await expect(menu.getByRole('link', { name: 'English' })).toHaveAttribute('aria-current', 'true');
  await expectNoAxeViolations(page);
  await menu.getByRole('link', { name: '日本語' }).click();
  await expect(page).toHaveURL(/\/colleges\?country=JP&lang=ja$/);
  const ja = catalogue('ja');
  await expect(h1(page)).toHaveText(ja.directory_title);
  await expect(h1(page)).toBeFocused();
  await expect(page.locator('.language-draft')).toHaveText(ja.language_draft);
  // Country names through Intl, in Japanese.
  await expect(page.locator('.college-list').first()).toContainText('日本');
  await expectNoAxeViolations(page);
});

test.describe('a dropped connection', () => {
  // The service worker would answer from the network itself, out of the
  // test's reach.
  test.use({ serviceWorkers: 'block' });

  test('a language whose words cannot be fetched says so, and can be tried again', async ({ page }) => {
    await page.goto('/colleges');
    await appReady(page);
    // The connection drops just as the reader chooses German.
    await page.route('**/locales/de.json', (route) => route.abort());
    const menu = page.locator('.language-menu');
    await menu.locator('summary').click();
    await menu.getByRole('link', { name: 'Deutsch' }).click();
    const alert = menu.getByRole('alert');
    await expect(alert).toContainText('Deutsch could not be loaded. Check your connection and try again.');
    await expect(alert.locator('span[lang=de]')).toHaveText('Deutsch');
    await expect(h1(page)).toHaveText(catalogue('en').directory_title);
    await expectNoAxeViolations(page);

    await page.unroute('**/locales/de.json');
    await alert.getByRole('button', { name: 'Try again' }).click();
    await expect(h1(page)).toHaveText(catalogue('de').directory_title);
    await expect(page.locator('html')).toHaveAttribute('lang', 'de');
    await expect(menu.getByRole('alert')).toHaveCount(0);
  });
});

test('right to left: a college\'s phone, email and website read in their own order, in the first HTML and the app', async ({ browser }) => {
  // A college with all three (0121 301 3992 must not show as 3992 301 0121).
  const college = '/colleges/bsmhft-recovery-college-for-all';
  const first = await browser.newPage();
  await first.route(/\.(js|wasm)(\?.*)?$/, (route) => route.abort());
  const app = appAware(await browser.newPage());
  for (const lang of ['ar', 'ur']) {
    await first.goto(`${college}?lang=${lang}`);
    await app.goto(`${college}?lang=${lang}`);
    await appReady(app);
    for (const [side, page] of [['first HTML', first], ['app', app]] as const) {
      await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
      // The phone, the email and the website, and the two numbers of
      // "If you need help now" (999, Samaritans' 116 123); not the links
      // to each fact's source, whose words are the page's.
      const links = page.locator('main a[href^="tel:"], main a[href^="mailto:"], main a[href^="http"]')
        .filter({ hasText: /^(\+?[\d ]+|\S+@\S+|https?:\/\/\S+)$/ });
      await expect(links).toHaveCount(5);
      // Where each character is drawn: on each line, every character
      // starts right of the one before it, as it is read (the DOM order
      // alone would not show a reordering).
      const backwards = await links.evaluateAll((as) => as.flatMap((a) => {
        const boxes: { ch: string; left: number; top: number }[] = [];
        const walker = document.createTreeWalker(a, NodeFilter.SHOW_TEXT);
        for (let text = walker.nextNode() as Text | null; text; text = walker.nextNode() as Text | null) {
          for (let i = 0; i < text.length; i++) {
            if (text.data[i] === ' ') continue;
            const range = document.createRange();
            range.setStart(text, i);
            range.setEnd(text, i + 1);
            const r = range.getBoundingClientRect();
            boxes.push({ ch: text.data[i], left: r.left, top: Math.round(r.top) });
          }
        }
        const wrong: string[] = [];
        for (let i = 1; i < boxes.length; i++) {
          const [x, y] = [boxes[i - 1], boxes[i]];
          if (x.top === y.top && y.left < x.left) wrong.push(`${a.textContent}: ${x.ch} then ${y.ch}`);
        }
        return wrong;
      }));
      expect(backwards, `${lang}, ${side}`).toEqual([]);
      await expect(links.first()).toHaveAttribute('dir', 'ltr');
    }
  }
  await first.close();
  await app.close();
});

test('Urdu at 375 px: Nastaliq stays inside the text margin', async ({ browser }) => {
  // Nastaliq's swashes reach past its line box, so the DOM's boxes cannot
  // tell: compare the pixels of each screen edge with and without the
  // page's text. The strips must not change.
  const context = await browser.newContext({ viewport: { width: 375, height: 812 } });
  const page = appAware(await context.newPage());
  const EDGE = 10;
  for (const path of ['/?lang=ur', `/colleges/${BERN}?lang=ur`, '/join?lang=ur']) {
    await page.goto(path);
    await appReady(page);
    await page.evaluate(() => document.fonts.ready);
    await expect(page.locator('h1')).toHaveCSS('font-family', /Noto Nastaliq Urdu/);
    const height = Math.min(await page.evaluate(() => document.documentElement.scrollHeight), 4000);
    const strips = async () => {
      const out: Buffer[] = [];
      for (const x of [0, 375 - EDGE]) {
        out.push(await page.screenshot({ fullPage: true, clip: { x, y: 0, width: EDGE, height } }));
      }
      return out;
    };
    const withText = await strips();
    // (Through the CSSOM: the page's policy refuses inline style sheets.)
    await page.evaluate(() => {
      for (const el of document.querySelectorAll<HTMLElement>('main *')) el.style.setProperty('color', 'transparent', 'important');
    });
    const withoutText = await strips();
    expect(withText[0].equals(withoutText[0]), `${path}: ink within ${EDGE}px of the left edge`).toBe(true);
    expect(withText[1].equals(withoutText[1]), `${path}: ink within ${EDGE}px of the right edge`).toBe(true);
  }
  await context.close();
});

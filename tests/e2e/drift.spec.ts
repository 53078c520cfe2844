// The first HTML the server draws is the page the app draws (issue 24):
// run by the phone project only (playwright.config.ts), at a phone's size.
import { test, expect, Page, appAware } from './fixtures';

const BERN = 'recovery-college-bern';

/**
 * The visible text of `<main>`, one space for any run of white space,
 * without the maps (drawn in the browser only: the first HTML holds their
 * place) or the first HTML's note by a button that waits for the app.
 */
async function mainText(page: Page): Promise<string> {
  return page.locator('main#main').evaluate((main: HTMLElement) => {
    for (const map of main.querySelectorAll('.map-wrap')) map.remove();
    // What a waiting button says is for a page whose app has not come.
    for (const note of main.querySelectorAll('.waits-for-app')) note.remove();
    return main.innerText.replace(/\s+/g, ' ').trim();
  });
}

test('the first HTML is the page the app draws, in English, German and Arabic', async ({ browser, baseURL }) => {
  test.setTimeout(180_000);
  const paths = ['/', '/colleges?q=bern', '/colleges?country=GB&page=2', `/colleges/${BERN}`,
    '/colleges/act-recovery-college', '/colleges/no-such-college', '/join', `/join/suggest?college=${BERN}`,
    '/join/sent/ENQ-2026-00001', '/no-such-page', '/feedback/nottingham-recovery-college'];
  // As most people read these pages: one page as the server sent it (the
  // app's scripts blocked), one after the app drew it.
  const phone = { viewport: { width: 390, height: 844 } };
  const server = await browser.newContext(phone);
  const app = await browser.newContext(phone);
  const first = await server.newPage();
  await first.route(/\.(js|wasm)(\?.*)?$/, (route) => route.abort());
  const drawn = appAware(await app.newPage());
  for (const lang of ['en', 'de', 'ar']) {
    for (const path of paths) {
      const url = new URL(path, baseURL);
      url.searchParams.set('lang', lang);
      await Promise.all([first.goto(url.toString()), drawn.goto(url.toString())]);
      await expect(drawn.locator('#app')).toHaveAttribute('data-app', 'ready');
      const label = `${lang} ${path}`;
      const sent = await mainText(first);
      expect(sent, label).not.toBe('');
      // Parts the app fills in after it has started (a token's answer,
      // say) are given a moment.
      await expect.poll(() => mainText(drawn), { message: label, timeout: 3_000 }).toBe(sent);
    }
  }
  await server.close();
  await app.close();
});

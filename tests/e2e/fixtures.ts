import { test as base, expect, Page, Browser, APIRequestContext } from '@playwright/test';

export { expect };
export type { Page, Browser, APIRequestContext };

/**
 * The server sends each page's first HTML already drawn, and the app then
 * takes over `#app` (marking it `data-app="ready"`). A test that typed into
 * the first HTML's search box before that would see its typing replaced, so
 * `page.goto` and `page.reload` wait for the app (a person is slower than
 * the app). Pages that are not the app's (JSON, files) are not waited on,
 * nor pages without JavaScript.
 */
export function appAware(page: Page, javaScriptEnabled = true): Page {
  const waitForApp = async (response: Awaited<ReturnType<Page['goto']>>) => {
    const type = response?.headers()['content-type'] ?? '';
    if (!javaScriptEnabled || !type.startsWith('text/html')) return;
    await page
      .waitForFunction(() => {
        const app = document.getElementById('app');
        return !app || app.dataset.app === 'ready';
      }, null, { timeout: 15_000 })
      // A test that makes the network hang checks what the page shows itself.
      .catch(() => undefined);
  };
  const goto = page.goto.bind(page);
  page.goto = async (url, options) => {
    const response = await goto(url, options);
    await waitForApp(response);
    return response;
  };
  const reload = page.reload.bind(page);
  page.reload = async (options) => {
    const response = await reload(options);
    await waitForApp(response);
    return response;
  };
  return page;
}

/**
 * Every test's page, waited on as `appAware` says, and failed if the app
 * panics: a Rust panic in the browser (logged by the panic hook as
 * "panicked at …") leaves the page half-working, and nothing else would
 * show it.
 */
export const test = base.extend({
  page: async ({ page, javaScriptEnabled }, use) => {
    const panics: string[] = [];
    page.on('console', (message) => {
      if (message.text().includes('panicked at')) panics.push(message.text().split('\n')[0]);
    });
    page.on('pageerror', (error) => {
      if (/panicked at|unreachable/.test(`${error.message}`)) panics.push(error.message.split('\n')[0]);
    });
    await use(appAware(page, javaScriptEnabled !== false));
    expect(panics, 'the app panicked').toEqual([]);
  },
});

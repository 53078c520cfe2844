import { test, expect, appAware } from './fixtures';
import { appReady, countDocumentLoads, expectNoAxeViolations, expectNoHorizontalScroll, listedNames, showFilters, watchForeignRequests } from './helpers';

test('home page explains, shows live figures and searches the directory', async ({ page, baseURL }) => {
  const foreign = watchForeignRequests(page, baseURL!);
  await page.goto('/');
  await appReady(page);
  await expect(page).toHaveTitle('Find a Recovery College – Recovery Colleges');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Find a Recovery College');
  await expect(page.getByText('120 colleges in 19 countries are listed here so far.')).toBeVisible();
  await expectNoAxeViolations(page);
  // Developers find the open data from every page's footer: the feed, and
  // the survey figures colleges publish.
  const openData = page.getByRole('contentinfo').getByRole('link', { name: /^Open data/ });
  await expect(openData.first()).toHaveAttribute('href', '/openreferral/v3/');
  await expect(openData.nth(1)).toHaveAttribute('href', '/api/evidence.csv');
  const evidence = await page.request.get('/api/evidence.csv');
  expect(evidence.headers()['content-type']).toContain('text/csv');
  const feed = await page.request.get('/openreferral/v3/');
  expect((await feed.json()).version).toBe('3.0');

  // The directory is in the same app: the search shows it without loading
  // a document.
  const documents = countDocumentLoads(page);
  await page.getByLabel('Search for a college').fill('okayama');
  await Promise.all([page.waitForURL(/\/colleges\?q=okayama$/), page.getByRole('button', { name: 'Search' }).click()]);
  await expect(page.getByRole('status').filter({ hasText: 'found' })).toHaveText('2 colleges found');
  expect(await listedNames(page)).toEqual(['Recovery College Mimasaka', 'Recovery College Okayama']);
  expect(documents()).toBe(0);
  // An empty search opens the whole directory, without `?q=` in its address.
  await page.goto('/');
  await appReady(page);
  await Promise.all([page.waitForURL(/\/colleges$/), page.getByRole('button', { name: 'Search' }).click()]);
  expect(foreign).toEqual([]);
});

test('search as you type updates the list, the count and the URL', async ({ page }) => {
  await page.goto('/colleges');
  await appReady(page);
  await expect(page.getByRole('status').filter({ hasText: 'found' })).toHaveText('120 colleges found');
  await expectNoAxeViolations(page);

  const search = page.getByRole('searchbox', { name: 'Search for a college' });
  await search.pressSequentially('guters', { delay: 20 });
  await expect(page.locator('.results-body')).toHaveAttribute('data-query', 'q=guters');
  // A college the next keystrokes find again keeps its card as it is: not
  // a change to it (the list is keyed by what each card shows).
  const card = page.locator('.college-card', { hasText: 'Gütersloh' });
  await card.evaluate((el) => {
    const w = window as unknown as { cardChanges: number };
    w.cardChanges = 0;
    new MutationObserver((records) => { w.cardChanges += records.length; })
      .observe(el, { attributes: true, childList: true, subtree: true, characterData: true });
    (el as unknown as { kept: boolean }).kept = true;
  });
  await search.pressSequentially('loh', { delay: 20 });
  await expect(page.locator('.results-body')).toHaveAttribute('data-query', 'q=gutersloh');
  await expect(page.getByRole('status').filter({ hasText: 'found' })).toHaveText('1 college found');
  expect(await listedNames(page)).toEqual(['Recovery College Gütersloh']);
  expect(await card.evaluate((el) => (el as unknown as { kept?: boolean }).kept)).toBe(true);
  expect(await page.evaluate(() => (window as unknown as { cardChanges: number }).cardChanges)).toBe(0);
  await expect(page).toHaveURL(/\/colleges\?q=gutersloh$/);
  // Nothing typed was lost on the round trip through the URL.
  await expect(search).toHaveValue('gutersloh');

  await search.fill('zzzz no such place');
  await expect(page.getByRole('heading', { name: 'No colleges match your search' })).toBeVisible();
  await expectNoAxeViolations(page);
  await page.getByRole('link', { name: 'Clear search and filters' }).first().click();
  await expect(page.getByRole('status').filter({ hasText: 'found' })).toHaveText('120 colleges found');
  await expect(search).toHaveValue('');
});

test('filters live in the URL: reload, share, back and forward', async ({ page, browser }) => {
  await page.goto('/colleges');
  await appReady(page);
  await showFilters(page);
  await page.getByLabel('Country').selectOption({ label: 'Japan' });
  await expect(page).toHaveURL(/\/colleges\?country=JP$/);
  await expect(page.getByRole('status').filter({ hasText: 'found' })).toHaveText('8 colleges found');

  await page.getByLabel('Sort by').selectOption('opened');
  await expect(page).toHaveURL(/country=JP&sort=opened$/);

  await page.goBack();
  await expect(page).toHaveURL(/\/colleges\?country=JP$/);
  await expect(page.getByLabel('Sort by')).toHaveValue('name');
  await page.goBack();
  await expect(page).toHaveURL(/\/colleges$/);
  await expect(page.getByRole('status').filter({ hasText: 'found' })).toHaveText('120 colleges found');
  await expect(page.getByLabel('Country')).toHaveValue('');
  await page.goForward();
  await expect(page.getByRole('status').filter({ hasText: 'found' })).toHaveText('8 colleges found');
  await expect(page.getByLabel('Country')).toHaveValue('JP');

  // A shared link, opened fresh in another context, shows the same results.
  const shared = '/colleges?q=recovery+bern&country=CH';
  const other = appAware(await browser.newPage());
  await other.goto(new URL(shared, page.url()).toString());
  await expect(other.getByRole('status').filter({ hasText: 'found' })).toHaveText('1 college found');
  expect(await listedNames(other)).toEqual(['Recovery College Bern']);
  await expect(other.getByRole('searchbox', { name: 'Search for a college' })).toHaveValue('recovery bern');
  await expect(other.getByLabel('Country')).toHaveValue('CH');
  await other.reload();
  await expect(other.locator('.college-list .college-name')).toHaveText(['Recovery College Bern']);
  await other.close();
});

test('open a college from the list and come back', async ({ page }) => {
  await page.goto('/colleges?country=CH');
  await appReady(page);
  const documents = countDocumentLoads(page);
  await page.getByRole('link', { name: 'Recovery College Bern' }).click();
  await expect(page).toHaveURL(/\/colleges\/recovery-college-bern$/);
  const h1 = page.getByRole('heading', { level: 1 });
  await expect(h1).toHaveText('Recovery College Bern');
  await expect(h1).toBeFocused();
  await expect(page).toHaveTitle('Recovery College Bern – Recovery Colleges');
  await expect(page.getByText('These details were compiled from public sources in November 2026. Check with the college before you go.')).toBeVisible();
  await expect(page.getByText('Bern, Switzerland', { exact: true }).first()).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Where this information comes from' })).toBeVisible();
  await expect(page.getByText('Not known', { exact: true })).toHaveCount(0);
  await expectNoAxeViolations(page);
  await page.goBack();
  await expect(page).toHaveURL(/\/colleges\?country=CH$/);
  expect(await listedNames(page)).toEqual(['Recovery College Bern', 'Recovery College St. Gallen']);
  await expect(page.getByRole('heading', { level: 1 })).toBeFocused();
  // The page's own link back keeps the filters too.
  await page.getByRole('link', { name: 'Recovery College St. Gallen' }).click();
  await expect(h1).toHaveText('Recovery College St. Gallen');
  await page.getByRole('link', { name: 'Back to all colleges' }).click();
  await expect(page).toHaveURL(/\/colleges\?country=CH$/);
  expect(await listedNames(page)).toEqual(['Recovery College Bern', 'Recovery College St. Gallen']);
  expect(documents()).toBe(0);
});

test('from home: search, a college, Back, the enquiry form, in one document', async ({ page }) => {
  // A phone's height, so the list is longer than the screen.
  await page.setViewportSize({ width: 375, height: 700 });
  await page.goto('/');
  await appReady(page);
  const documents = countDocumentLoads(page);
  await page.getByLabel('Search for a college').fill('recovery');
  await Promise.all([page.waitForURL(/\/colleges\?q=recovery$/), page.getByRole('button', { name: 'Search' }).click()]);
  // What was asked for: the results' heading, with the count, has focus
  // and is in view (on a phone the list starts below the form).
  const results = page.getByRole('heading', { level: 2, name: /colleges found$/ });
  await expect(results).toBeFocused();
  await expect(results).toBeInViewport();
  // Enter in the directory's own box does the same, from the top.
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.getByRole('searchbox', { name: 'Search for a college' }).focus();
  await page.keyboard.press('Enter');
  await expect(results).toBeFocused();
  await expect(results).toBeInViewport();
  const country = page.getByLabel('Country');
  if (!(await country.isVisible())) await showFilters(page);
  await country.selectOption('GB');
  await expect(page).toHaveURL(/country=GB/);
  const listed = await listedNames(page);
  expect(listed.length).toBeGreaterThan(6);
  // Down the list, then into a college.
  const target = page.locator('.college-list .college-name a').nth(6);
  await target.scrollIntoViewIfNeeded();
  const scrolled = await page.evaluate(() => scrollY);
  expect(scrolled).toBeGreaterThan(300);
  const name = (await target.textContent())!.trim();
  await target.click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(name);
  await expect(page.getByRole('heading', { level: 1 })).toBeFocused();
  // Back: the same search, filters and place in the list.
  await page.goBack();
  await expect(page).toHaveURL(/\/colleges\?q=recovery&country=GB$/);
  await expect(page.getByLabel('Search for a college')).toHaveValue('recovery');
  await expect(country).toHaveValue('GB');
  expect(await listedNames(page)).toEqual(listed);
  await expect.poll(() => page.evaluate(() => scrollY)).toBeGreaterThan(scrolled - 50);
  expect(await page.evaluate(() => scrollY)).toBeLessThan(scrolled + 50);
  // The enquiry form, from the header.
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: /Join/ }).click();
  await expect(page).toHaveURL(/\/join$/);
  await expect(page.getByRole('heading', { level: 1 })).toBeFocused();
  await expect(page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: /Join/ })).toHaveAttribute('aria-current', 'page');
  expect(documents()).toBe(0);
});

test("another app's address reached inside the public app loads that app", async ({ page }) => {
  await page.goto('/colleges?country=CH');
  await appReady(page);
  // As a link without rel="external" would: the router moves, then finds
  // the page is another app's (the survey's), and loads it.
  // (After this evaluation returns, as the page then loads.)
  await page.evaluate(() => setTimeout(() => {
    history.pushState({}, '', '/feedback/recovery-college-bern');
    dispatchEvent(new PopStateEvent('popstate'));
  }));
  await page.waitForURL(/\/feedback\/recovery-college-bern$/);
  await expect(page.locator('#app')).toHaveAttribute('data-app', 'ready');
  expect(await page.locator('script[type=module]').textContent()).toContain('/feedback-app/feedback-');
});

test('unknown pages and colleges get a real 404 page', async ({ page }) => {
  await page.goto('/no/such/page');
  await appReady(page);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Page not found');
  await expect(page).toHaveTitle('Page not found – Recovery Colleges');
  await expectNoAxeViolations(page);

  await page.goto('/colleges/no-such-college');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Page not found');
  await expect(page.getByText('We could not find this college.')).toBeVisible();
  await expectNoAxeViolations(page);
});

test('a link with an unrecognised filter still shows the directory', async ({ page }) => {
  await page.goto('/colleges?country=XX&q=london');
  await appReady(page);
  await expect(page.getByRole('alert')).toContainText('Country must be a two-letter ISO 3166-1 code');
  await expect(page.getByRole('status').filter({ hasText: 'found' })).toHaveText(/colleges found/);
  await expectNoAxeViolations(page);
});

test.describe('a failed search', () => {
  // Once the service worker controls the page (it claims it when it
  // activates, at a moment of its own), the page's requests go through it,
  // out of `page.route`'s reach, as in languages.spec.ts. The likely cause
  // of this test's rare failure on desktop: the search that should have
  // been dropped reached the server, and no error was shown.
  test.use({ serviceWorkers: 'block' });

  test('a failed fetch offers a retry that works', async ({ page }) => {
    // The first list comes with the page; the next search asks the server.
    await page.goto('/colleges');
    await appReady(page);
    await expect(page.getByRole('status').filter({ hasText: 'found' })).toHaveText('120 colleges found');
    let failures = 1;
    await page.route((url) => url.pathname === '/api/colleges', (route) => {
      if (failures-- > 0) return route.abort('internetdisconnected');
      return route.continue();
    });
    await page.getByRole('searchbox', { name: 'Search for a college' }).fill('bern');
    const alert = page.getByRole('alert');
    await expect(alert).toContainText('We could not reach the server');
    await expectNoAxeViolations(page);
    await alert.getByRole('button', { name: 'Try again' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'found' })).toHaveText('1 college found');
  });
});

test('filters start closed on narrow screens and open on wide ones', async ({ page }) => {
  await page.goto('/colleges');
  await appReady(page);
  const wide = (page.viewportSize()?.width ?? 0) >= 960;
  await expect(page.locator('details.more-filters')).toHaveJSProperty('open', wide);
  // A filter in use is never hidden.
  await page.goto('/colleges?delivery=online');
  await expect(page.locator('details.more-filters')).toHaveJSProperty('open', true);
  await expect(page.getByLabel('How courses are delivered')).toBeVisible();
});

test('keyboard: skip link first, filters reachable, no horizontal scroll at 320px', async ({ page }) => {
  await page.setViewportSize({ width: 320, height: 640 });
  await page.goto('/colleges');
  await appReady(page);
  await page.keyboard.press('Tab');
  const skip = page.getByRole('link', { name: 'Skip to main content' });
  await expect(skip).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.locator('main#main')).toBeFocused();
  await expectNoHorizontalScroll(page);

  await showFilters(page);
  await page.getByLabel('Learning Set members only').focus();
  await page.keyboard.press('Space');
  await expect(page).toHaveURL(/learning_set=true/);
  await expect(page.getByRole('heading', { name: 'No colleges match your search' })).toBeVisible();
});

test('pages through results with previous and next links', async ({ page }) => {
  await page.goto('/colleges');
  await appReady(page);
  await expect(page.getByText('Showing 1 to 50 of 120')).toBeVisible();
  await expect(page.getByText('Page 1 of 3')).toBeVisible();
  await page.getByRole('link', { name: 'Next page' }).click();
  await expect(page).toHaveURL(/\/colleges\?page=2$/);
  await expect(page.getByText('Showing 51 to 100 of 120')).toBeVisible();
  await page.getByRole('link', { name: 'Next page' }).click();
  await expect(page.getByText('Showing 101 to 120 of 120')).toBeVisible();
  await expect(page.getByRole('link', { name: 'Next page' })).toHaveCount(0);
  await page.getByRole('link', { name: 'Previous page' }).click();
  await expect(page.getByText('Page 2 of 3')).toBeVisible();
  await expectNoAxeViolations(page);
});

test('in German: the switch keeps the filters, names countries in German and lasts for the tab', async ({ page }) => {
  await page.goto('/colleges?country=DE');
  await appReady(page);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Find a college');
  await page.locator('.language-menu summary').click();
  await page.getByRole('navigation', { name: 'Language' }).getByRole('link', { name: 'Deutsch' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('College finden');
  // The page was drawn again: focus goes to its heading, as on a new page.
  await expect(page.getByRole('heading', { level: 1 })).toBeFocused();
  await expect(page.locator('html')).toHaveAttribute('lang', 'de');
  await expect(page).toHaveURL(/\/colleges\?country=DE&lang=de$/);
  // Open on wide screens, closed on phones.
  const filters = page.locator('details.more-filters');
  if (!(await filters.evaluate((d: HTMLDetailsElement) => d.open))) await filters.locator('summary').click();
  await expect(page.getByLabel('Land').locator('option:checked')).toHaveText('Deutschland');
  await expect(page.getByLabel('Land').locator('option[value="CH"]')).toHaveText('Schweiz');
  await expect(page.getByRole('navigation', { name: 'Sprache' }).getByRole('link', { name: 'Deutsch', includeHidden: true }))
    .toHaveAttribute('aria-current', 'true');
  await expectNoAxeViolations(page);

  // A college's page, reached from the list, stays in German.
  await page.locator('.college-list .college-name a').first().click();
  await expect(page.getByRole('link', { name: 'Zurück zu allen Colleges' })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'de');
  // So does a new page load in the same tab.
  await page.goto('/colleges');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('College finden');

  await page.locator('.language-menu summary').click();
  await page.getByRole('navigation', { name: 'Sprache' }).getByRole('link', { name: 'English' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Find a college');
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
});

test('a closed college keeps its page with a notice; paused ones stay listed; what is not known can be told', async ({ page }) => {
  // A paused college is still in the list, with its notice on the card.
  await page.goto('/colleges?q=birmingham');
  await appReady(page);
  const card = page.locator('.college-card', { hasText: 'Recovery College for All' });
  await expect(card).toContainText('This college has paused its courses.');
  await expect(card).toContainText('All learning sessions paused');
  await expectNoAxeViolations(page);

  // A closed one is not in the list, but a filter shows it.
  await page.goto('/colleges?q=canberra');
  await expect(page.getByRole('heading', { name: 'No colleges match your search' })).toBeVisible();
  await page.goto('/colleges?q=canberra&status=closed');
  await expect(page.getByRole('status').filter({ hasText: 'found' })).toHaveText('1 college found');
  await page.getByRole('link', { name: 'ACT Recovery College' }).click();

  // Its page says so, with what the source said and the page it said it on.
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('ACT Recovery College');
  const notice = page.locator('.notice');
  await expect(notice).toContainText('This college has closed.');
  await expect(notice).toContainText('The two-year trial from April 2019 has finished.');
  await expect(notice.getByRole('link', { name: 'source: Status' })).toHaveAttribute('href', /^https:\/\/www\.recoverycollegeact\.org\//);
  // Contact and course facts first, each with the page it was seen on.
  await expect(page.locator('main').getByRole('heading', { level: 2 }).first()).toHaveText('Contact and courses');
  await expect(page.getByRole('link', { name: 'source: Who can enrol' })).toHaveAttribute('href', /^https:\/\//);
  // One line for what is not known, instead of a wall of "Not known".
  await expect(page.getByText('Not known', { exact: true })).toHaveCount(0);
  await expect(page.getByText(/^Not known here yet: Email, Phone, and How courses are delivered\./)).toBeVisible();
  await expect(page.getByText('These details were compiled from public sources in November 2026.', { exact: false })).toBeVisible();
  // A closed college runs no courses: no survey link or poster.
  await expect(page.getByRole('link', { name: 'Give feedback on a course' })).toHaveCount(0);
  await expectNoAxeViolations(page);
  await expectNoHorizontalScroll(page);

  // "Do you know?" opens the suggestion form with this college chosen.
  await page.getByRole('link', { name: 'Do you know? Suggest a change' }).click();
  await expect(page).toHaveURL(/\/join\/suggest\?college=act-recovery-college$/);
  await expect(page.getByLabel('Which college?')).toHaveValue('act-recovery-college');
  await expectNoAxeViolations(page);
});

test.describe('on a phone', () => {
  test.use({ viewport: { width: 375, height: 812 } });

  test('a college with no contact facts names its host and the team above the fold', async ({ page }) => {
    await page.goto('/colleges/south-west-london-recovery-college');
    await appReady(page);
    const box = page.locator('.no-contact');
    await expect(box).toContainText(
      "We do not have this college's own contact details yet. It is run by South West London and St George's Mental Health NHS Trust: contact them to ask about its courses.",
    );
    await expect(box).toBeInViewport({ ratio: 1 });
    const team = box.getByRole('link', { name: 'Talk to the Recovery College team' });
    await expect(team).toBeInViewport();
    await expect(box.getByRole('link', { name: 'Do you know? Suggest a change' })).toHaveAttribute(
      'href',
      '/join/suggest?college=south-west-london-recovery-college',
    );
    // Where to get help now, for the college's country, with sources.
    const help = page.locator('.help-now-prominent');
    await expect(help).toContainText('United Kingdom: in an emergency, call 999.');
    await expect(help).toContainText('To talk to someone: Samaritans, 116 123.');
    await expect(help.getByRole('link', { name: '116 123', exact: true })).toHaveAttribute('href', 'tel:116123');
    await expect(help.getByRole('link', { name: 'source: 999' })).toHaveAttribute('href', /^https:\/\/www\.londonambulance\.nhs\.uk\//);
    // A country without a sourced crisis line gets the emergency number only.
    await page.goto('/colleges/butabika-recovery-college');
    await expect(help).toContainText('Uganda: in an emergency, call 112.');
    await expect(help).not.toContainText('To talk to someone');
    // The footer's line follows the browser's region (en-US here), named.
    await expect(page.locator('.site-footer .help-now')).toContainText('United States: in an emergency, call 911.');
    await page.goto('/colleges/south-west-london-recovery-college');
    await appReady(page);
    await expectNoAxeViolations(page);
    await team.click();
    await expect(page).toHaveURL(/\/join$/);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Join the Learning Set or talk to the Recovery College team');

    // The same in Arabic, the host's name isolated from the sentence around it.
    await page.goto('/colleges/south-west-london-recovery-college?lang=ar');
    await appReady(page);
    await expect(page.locator('.no-contact')).toContainText('تديرها \u2068South West London and St George\'s Mental Health NHS Trust\u2069');
    await expect(page.locator('.no-contact')).toBeInViewport();
    // The number reads in dialling order on a right-to-left page.
    await expect(help.getByRole('link', { name: '116 123', exact: true })).toHaveAttribute('dir', 'ltr');
    await expectNoAxeViolations(page);
  });
});

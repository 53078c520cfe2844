import { test, expect } from './fixtures';
import { appReady, expectNoAxeViolations, expectNoHorizontalScroll, sendEnquiry, signIn, TEAM } from './helpers';

const BERN = 'recovery-college-bern';

// Its own 375 px windows, so it runs once (the phone project), not per device.
test('every staff page at 375 px, in English and with Arabic as the browser language: axe, no sideways scroll', async ({ browser, request }) => {
  test.setTimeout(120_000);
  const reference = await sendEnquiry(request, `Narrow ${Date.now()}`, 'other',
    'A long message without many spaces: https://example.org/a-very-long-address-that-would-push-the-page-sideways-if-nothing-wrapped-it');
  for (const locale of ['en-GB', 'ar']) {
    const context = await browser.newContext({ viewport: { width: 375, height: 740 }, locale, hasTouch: true });
    const page = await context.newPage();
    await signIn(page, TEAM, '/staff');
    for (const path of ['/staff', '/staff/enquiries', `/staff/enquiries/${reference}`, `/staff/results?college=${BERN}`, '/staff/network',
      '/staff/colleges', `/staff/colleges/${BERN}`, '/staff/colleges/new', '/staff/suggestions', '/staff/accounts']) {
      await page.goto(path);
      await appReady(page);
      await expect(page.getByRole('button', { name: 'Sign out' })).toBeVisible();
      await expect(page.locator('main h1')).toBeVisible();
      await expect(page.locator('.loading')).toHaveCount(0);
      // Everything the page asks for has arrived (the staff home's
      // languages table comes last).
      await page.waitForLoadState('networkidle');
      await expect(page.getByText('Loading…')).toHaveCount(0);
      await expectNoAxeViolations(page);
      await expectNoHorizontalScroll(page);
    }
    await context.close();
  }
});

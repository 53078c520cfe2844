import { test, expect } from './fixtures';
import { request as playwrightRequest } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { appReady, collegeAccount, expectNoAxeViolations, expectNoHorizontalScroll, sendResponses, signIn, sql, TEAM } from './helpers';

// Colleges no other test uses: one goes public, three share with the network.
const PUBLIC = 'south-west-london-recovery-college';
const NETWORK = ['cnwl-recovery-and-wellbeing-college', 'milton-keynes-recovery-and-wellbeing-college',
  'tower-hamlets-recovery-college'];

/** The responses' monthly totals counted again, after the test moved
 * responses into an ended month by hand (as an operator would, with the
 * server running). */
function recount() {
  execFileSync('target/server/recovery-colleges-server', ['recount-responses'], {
    env: { ...process.env, DATABASE_URL: `sqlite://${process.env.E2E_DB}`, RUST_LOG: 'error' },
  });
}

/** The team sets a college's sharing through the API, as its editor saves. */
async function teamShares(college: string, sharing: string) {
  const baseURL = process.env.BASE_URL!;
  const api = await playwrightRequest.newContext({ baseURL, extraHTTPHeaders: { origin: baseURL } });
  expect((await api.post('/api/session', { data: TEAM })).status()).toBe(200);
  const record = await (await api.get(`/api/staff/colleges/${college}`)).json();
  const res = await api.put(`/api/staff/colleges/${college}`, {
    data: { college: { ...record.college, sharing }, published: true },
  });
  expect(res.status()).toBe(200);
  await api.dispose();
}

// The phone project only: the survey's readers and most staff read on phones.
test('a college chooses to share: its staff compare with the network, and the public sees its figures in English and Arabic', async ({ page, request }) => {
  test.setTimeout(120_000);
  // Last month: 140 responses at the college that goes public (enough
  // for its percentage to be within 10 points despite the noise), 6, 7
  // and 8 at three more.
  await sendResponses(request, 'Hope and Recovery', 140, 0, PUBLIC);
  for (const [i, college] of NETWORK.entries()) await sendResponses(request, 'Hope and Recovery', 6 + i, 0, college);
  recount();
  // The three shared with the network since before last month ended (a
  // month counts in the network if its college shared it when it ended):
  // chosen through the API, then dated back, as the responses were.
  for (const college of NETWORK) await teamShares(college, 'network');
  for (const college of NETWORK) {
    sql(`update college_changes set changed_at = changed_at - 70 * 86400
         where slug = ? and ',' || fields || ',' like '%,sharing,%'`, college);
  }

  // Nothing is public yet.
  expect(await (await request.get(`/api/colleges/${PUBLIC}/evidence`)).json()).toBeNull();

  // The college's own staff choose, in its entry: with the network and the public.
  const email = `evidence-${Date.now()}@example.org`;
  await collegeAccount(PUBLIC, email, 'a first password for them');
  await signIn(page, { email, password: 'a first password for them' }, '/staff/network');
  await page.getByLabel('Current password').fill('a first password for them');
  await page.getByLabel('New password', { exact: true }).fill('we share to learn together');
  await page.getByRole('button', { name: 'Change password' }).click();
  // Give to get: not sharing yet, so no network, and the way to choose.
  await expect(page.getByText('This college does not share its results, so it sees no one else\'s.')).toBeVisible();
  await expectNoAxeViolations(page);
  await page.getByRole('link', { name: 'Choose how this college shares' }).click();
  await expect(page.getByRole('group', { name: 'Sharing survey results' })).toBeVisible();
  // The link names the setting: the page goes to it once the entry is drawn.
  await expect(page.getByRole('group', { name: 'Sharing survey results' })).toBeFocused();
  await expect(page.getByRole('group', { name: 'Sharing survey results' })).toBeInViewport();
  await expect(page.getByRole('radio', { name: 'Private' })).toBeChecked();
  await page.getByRole('radio', { name: 'With the network and the public' }).check();
  await page.getByRole('button', { name: 'Save changes' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Saved. The directory shows the change now.' })).toBeFocused();

  // The network view: its own figures beside three colleges'.
  await page.goto('/staff/network');
  await appReady(page);
  await expect(page.getByText('This college: 140 responses counted.')).toBeVisible();
  await expect(page.getByText('The network: 21 responses from 3 sharing colleges, in the months each shared.')).toBeVisible();
  // Beside the network's: a chart of the two percentages, with its table.
  const fft = page.getByRole('region', { name: 'Overall, how was your experience of our service?' });
  await expect(fft.getByRole('row', { name: /^This college \d+% 140$/ })).toHaveCount(1);
  await expect(fft.getByRole('row', { name: /^All sharing colleges \d+% 21$/ })).toHaveCount(1);
  // No other college is named to a college's staff.
  await expect(page.getByText('Milton Keynes')).toHaveCount(0);
  // Every chart has its table: the month by month figures among them.
  await page.getByText('The figures, month by month').click();
  await expect(page.getByRole('region', { name: 'Month by month' }).getByRole('row')).toHaveCount(13);
  await page.waitForLoadState('networkidle');
  await expectNoAxeViolations(page);
  await expectNoHorizontalScroll(page);
  const csv = await page.request.get(await page.getByRole('link', { name: 'Download these figures as CSV' }).getAttribute('href') ?? '');
  expect(csv.status()).toBe(200);
  expect(await csv.text()).toContain('this college (approximate),all sharing colleges (approximate)');

  // The public page, in English, then Arabic (right to left).
  await page.goto(`/colleges/${PUBLIC}?lang=en`);
  await appReady(page);
  const figures = page.getByRole('region', { name: 'Feedback in figures' });
  await expect(figures.getByText(/^\d+% of 140 students rated their course good or very good$/)).toBeVisible();
  await expect(figures.getByRole('table')).toHaveCount(3);
  await expectNoAxeViolations(page);
  await expectNoHorizontalScroll(page);
  await page.goto(`/colleges/${PUBLIC}?lang=ar`);
  await appReady(page);
  await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
  const arabic = page.getByRole('region', { name: 'آراء الطلاب بالأرقام' });
  await expect(arabic.getByText(/قيّموا دورتهم بأنها جيدة أو جيدة جدًا/)).toBeVisible();
  await expect(arabic.getByRole('table').first().getByRole('row')).toHaveCount(7);
  await expectNoAxeViolations(page);
  await expectNoHorizontalScroll(page);
  // The open data has the public college, and no one else.
  const open = await (await request.get('/api/evidence.csv')).text();
  expect(open).toContain(PUBLIC);
  for (const college of NETWORK) expect(open).not.toContain(college);
});

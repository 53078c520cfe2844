import { test, expect, Page, APIRequestContext } from './fixtures';
import { createHash } from 'node:crypto';
import { appReady, collegeAccount, courseSig, expectNoAxeViolations, expectNoHorizontalScroll, sendEnquiry, sendResponses, signIn, sql, TEAM } from './helpers';

const BERN = 'recovery-college-bern';

/** A word for the college this project edits, to tell its text apart. */
function project(slug: string): string {
  return slug.replace('recovery-college-', '');
}

/** Chooses a college in a picker and adds it (added by its button, not on change). */
async function addCollege(scope: ReturnType<Page['locator']>, college: string | { label: string }) {
  await scope.getByLabel('Add a college').selectOption(college);
  await scope.getByRole('button', { name: 'Add this college' }).click();
}

/** On a phone the inbox's filters beyond the search are folded away. */
async function moreFilters(page: Page) {
  const about = page.getByLabel('About');
  if (page.viewportSize()!.width < 768) {
    await expect(about).toBeHidden();
    await page.getByText('More filters', { exact: true }).click();
  }
  await expect(about).toBeVisible();
}

test('sign in: a wrong password, then in, then out', async ({ page }) => {
  await page.goto('/staff');
  await appReady(page);
  await expectNoAxeViolations(page);
  await page.getByRole('button', { name: 'Sign in' }).click();
  const summary = page.getByRole('alert').filter({ hasText: 'There is a problem' });
  await expect(summary).toBeFocused();
  await expect(summary.getByRole('link')).toHaveText(['Enter your email address', 'Enter your password']);

  await page.getByLabel('Email address').fill(TEAM.email);
  await page.getByLabel('Password').fill('not the password');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(summary.getByRole('link')).toHaveText(['The email address or password is not right']);
  await expect(page).toHaveTitle(/^Error: Sign in/);
  await expectNoAxeViolations(page);

  await page.getByLabel('Password').fill(TEAM.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Staff pages');
  await expect(page.getByRole('heading', { level: 1 })).toBeFocused();
  await expect(page.getByText('Signed in as Tess Team')).toBeVisible();
  // What waits for the team (other tests add enquiries as this runs, so
  // the numbers are read, not fixed), and that mail is not set up here.
  await expect(page.getByRole('link', { name: /^(No|\d+) new enquir(y|ies)$/ })).toHaveAttribute('href', '/staff/enquiries?status=new');
  await expect(page.getByText(/^(No|\d+) suggestions? waiting$/)).toBeVisible();
  await expect(page.getByText('This server does not send email (SMTP is not set up), so new enquiries show only here.')).toBeVisible();
  // Emails about colleges' own changes are the team's choice, once email is set up.
  await expect(page.getByLabel("Email the team each time a college's own staff change its entry")).toBeDisabled();
  await expectNoAxeViolations(page);
  // The cookie is out of the page's reach.
  expect(await page.evaluate(() => document.cookie)).toBe('');

  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Sign in to the staff pages');
  await page.reload();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Sign in to the staff pages');
});

test('an ended session sends the person back to sign in, saying why', async ({ page, request }, testInfo) => {
  /** The server ends this browser's session (as the idle timeout would);
   * only a hash of the id is stored. Other tests' sessions go on. */
  const endSession = async () => {
    const cookie = (await page.context().cookies()).find((c) => c.name === 'rc_session')!;
    const hash = createHash('sha256').update(cookie.value).digest('hex');
    expect(sql('select count(*) from sessions where id_hash = ?', hash)).toBe('1');
    sql('delete from sessions where id_hash = ?', hash);
  };
  await signIn(page, TEAM, '/staff/enquiries');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Enquiries');
  await endSession();
  await moreFilters(page);
  await page.getByLabel('Status').selectOption('closed');
  await page.getByRole('button', { name: 'Show enquiries' }).click();
  await expect(page.getByText('Your session has ended, so we signed you out.')).toBeVisible();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Sign in to the staff pages');
  await expectNoAxeViolations(page);

  // Saving a form after the session ended: signed out, without a panic
  // (the fixture fails the test on one).
  const reference = await sendEnquiry(request, `Ended ${testInfo.project.name} ${Date.now()}`, 'other');
  await page.getByLabel('Email address').fill(TEAM.email);
  await page.getByLabel('Password').fill(TEAM.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('button', { name: 'Sign out' })).toBeVisible();
  await page.goto(`/staff/enquiries/${reference}`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Enquiry ${reference}`);
  await endSession();
  await page.getByLabel('Status').selectOption('in_progress');
  await page.getByLabel('Add a note for the team (optional)').fill('Typed after the session ended.');
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByText('Your session has ended, so we signed you out.')).toBeVisible();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Sign in to the staff pages');
  // Nothing typed is lost: after signing in again, the enquiry comes back
  // and what was typed is saved.
  await expect(page.getByText('What you were saving is kept in this tab')).toBeVisible();
  await page.getByLabel('Email address').fill(TEAM.email);
  await page.getByLabel('Password').fill(TEAM.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Enquiry ${reference}`);
  const saved = page.getByText('Saved: what you had typed before signing in again.');
  await expect(saved).toBeFocused();
  await expect(page.getByRole('listitem').filter({ hasText: 'Typed after the session ended.' })).toBeVisible();
  await expect(page.getByLabel('Add a note for the team (optional)')).toHaveValue('');
  expect(sql('select status from enquiries where reference = ?', reference)).toBe('in_progress');
  expect(sql('select count(*) from enquiry_notes n join enquiries e on e.id = n.enquiry_id where e.reference = ?', reference)).toBe('1');
  // A draft survives a reload too, and saving nothing new says so.
  await page.getByLabel('Add a note for the team (optional)').fill('Half a thought');
  await page.reload();
  await expect(page.getByLabel('Add a note for the team (optional)')).toHaveValue('Half a thought');
  await page.getByLabel('Add a note for the team (optional)').fill('');
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByText('Nothing to save: change the status or who it is assigned to, or add a note.')).toBeFocused();
});

test('before a session ends it warns, and staying signed in keeps it', async ({ page }) => {
  // The page's clock, run forward: the server's session stays young.
  await page.clock.install();
  await signIn(page, TEAM, '/staff');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Staff pages');
  // Sessions end after 30 idle minutes: the warning comes 2 minutes before.
  await page.clock.fastForward('28:30');
  const warning = page.getByRole('alert').filter({ hasText: 'You will be signed out in 2 minutes' });
  await expect(warning).toBeVisible();
  await expectNoAxeViolations(page);
  await warning.getByRole('button', { name: 'Stay signed in' }).click();
  await expect(warning).toHaveCount(0);
  // Past the end by this page's count: the server is asked first, and
  // here the session is alive (as another tab would keep it).
  await page.clock.fastForward('31:00');
  await page.clock.fastForward('00:06');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Staff pages');
  // Ended on the server: the page says so without waiting for a save.
  const cookie = (await page.context().cookies()).find((c) => c.name === 'rc_session')!;
  sql('delete from sessions where id_hash = ?', createHash('sha256').update(cookie.value).digest('hex'));
  await page.clock.fastForward('31:00');
  await expect(page.getByText('Your session has ended, so we signed you out.')).toBeVisible();
});

test('the inbox: filter, open, note, status, and spam rescued', async ({ page, request }, testInfo) => {
  const name = `Inbox ${testInfo.project.name} ${Date.now()}`;
  const word = `kettle${Date.now()}`;
  const reference = await sendEnquiry(request, name, 'other', `Hello from ${name}. We would like a ${word} for the peer tutors' room.`);
  const other = await sendEnquiry(request, `${name} B`, 'other');
  await signIn(page, TEAM, '/staff/enquiries');
  await expect(page.getByRole('link', { name: reference })).toBeVisible();
  await expectNoAxeViolations(page);
  await expectNoHorizontalScroll(page);
  // Found by a word of its message alone, with the message's start shown.
  await page.getByLabel('Search').fill(word.toUpperCase());
  await page.getByRole('button', { name: 'Show enquiries' }).click();
  await expect(page).toHaveURL(new RegExp(`q=${word.toUpperCase()}`));
  await expect(page.getByRole('heading', { name: '1 enquiry' })).toBeVisible();
  await expect(page.getByRole('row').filter({ hasText: reference })).toContainText(`We would like a ${word}`);
  await page.getByLabel('Search').fill('');
  await moreFilters(page);
  await page.getByLabel('About').selectOption('other');
  await page.getByLabel('Status').selectOption('new');
  // The country by its name, not a code to know ("UK" is not one).
  await page.getByLabel('Country').selectOption({ label: 'Ireland' });
  await page.getByRole('button', { name: 'Show enquiries' }).click();
  await expect(page).toHaveURL(/kind=other&status=new&country=IE/);
  await expect(page.getByLabel('Country')).toHaveValue('IE');
  await expect(page.getByRole('link', { name: reference })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Download these as CSV' })).toHaveAttribute(
    'href', /\/api\/staff\/enquiries\.csv\?kind=other&status=new&country=IE/);

  await page.getByRole('link', { name: reference }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Enquiry ${reference}`);
  await expect(page.getByRole('heading', { level: 1 })).toBeFocused();
  // The message first, as a helpdesk shows it, then who sent it.
  await expect(page.getByRole('heading', { level: 2 }).first()).toHaveText(`Message from ${name}`);
  await expect(page.getByText(`Hello from ${name}`)).toBeVisible();
  await page.getByLabel('Status').selectOption('in_progress');
  await page.getByLabel('Add a note for the team (optional)').fill('Rang them; sending the pack.');
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByText('Saved.')).toBeFocused();
  await expect(page.getByText('Rang them; sending the pack.')).toBeVisible();
  await expect(page.getByText('Tess Team,')).toBeVisible();
  await expectNoAxeViolations(page);
  expect(sql('select status from enquiries where reference = ?', reference)).toBe('in_progress');

  // Taken in one click, then found in "My open".
  await page.getByRole('button', { name: 'Assign to me' }).click();
  await expect(page.getByText('Assigned to you.')).toBeFocused();
  await expect(page.getByLabel('Assigned to')).toHaveValue(sql('select id from accounts where email = ?', TEAM.email));
  await expect(page.getByRole('button', { name: 'Assign to me' })).toHaveCount(0);
  // A reply written from their own email (this server sends none), recorded in the thread.
  await expect(page.getByRole('link', { name: /Write to .* from your own email/ })).toHaveAttribute('href', /^mailto:/);
  await page.getByLabel('What you sent').fill('Dear colleague, the pack is on its way.');
  await page.getByRole('button', { name: 'Record reply' }).click();
  await expect(page.getByText('Reply recorded below.')).toBeFocused();
  await expect(page.getByRole('listitem').filter({ hasText: 'Dear colleague, the pack is on its way.' })).toContainText('Reply, sent from their own email');
  await expectNoAxeViolations(page);
  await page.getByRole('link', { name: 'All enquiries' }).click();
  await page.getByRole('navigation', { name: 'Views' }).getByRole('link', { name: 'My open' }).click();
  await expect(page).toHaveURL(/open=true&assigned=me/);
  await expect(page.getByRole('link', { name: 'My open' })).toHaveAttribute('aria-current', 'page');
  await expect(page.getByRole('row').filter({ hasText: reference })).toContainText('Tess Team');
  // Searching within a view keeps the view.
  await page.getByLabel('Search').fill(word);
  await page.getByRole('button', { name: 'Show enquiries' }).click();
  await expect(page).toHaveURL(/assigned=me/);
  await expect(page.getByRole('link', { name: reference })).toBeVisible();
  await page.getByRole('link', { name: 'Unassigned' }).click();
  await expect(page).toHaveURL(/open=true&assigned=nobody$/);
  await expect(page.getByRole('link', { name: 'Unassigned' })).toHaveAttribute('aria-current', 'page');
  await expect(page.getByRole('link', { name: other })).toBeVisible();
  await expect(page.getByRole('link', { name: reference })).toHaveCount(0);

  // A real enquiry taken for spam, rescued.
  sql("update enquiries set status = 'spam', spam_reason = 'sent within seconds of opening the form' where reference = ?", reference);
  await page.goto('/staff/enquiries?status=spam');
  await page.getByRole('link', { name: reference }).click();
  await expect(page.getByText('Taken for spam:')).toBeVisible();
  await page.getByRole('button', { name: 'Not spam: move to the inbox' }).click();
  await expect(page.getByText('Taken for spam:')).toHaveCount(0);
  expect(sql('select status from enquiries where reference = ?', reference)).toBe('new');
});

test("one person's data: found by email and erased", async ({ page, request }, testInfo) => {
  const name = `Erase ${testInfo.project.name} ${Date.now()}`;
  const reference = await sendEnquiry(request, name);
  const email = `${name.replace(/\W/g, '').toLowerCase()}@example.org`;
  await signIn(page, TEAM, '/staff/enquiries');
  await moreFilters(page);
  await page.getByLabel("One person's email").fill(email.toUpperCase());
  await page.getByRole('button', { name: 'Show enquiries' }).click();
  await expect(page.getByRole('heading', { name: '1 enquiry' })).toBeVisible();
  await expect(page.getByRole('link', { name: reference })).toBeVisible();
  await page.getByRole('button', { name: "Erase this person's data" }).click();
  await expectNoAxeViolations(page);
  await page.getByRole('button', { name: 'Yes, erase them' }).click();
  await expect(page.getByRole('heading', { name: 'No enquiries match' })).toBeVisible();
  await expect(page.getByRole('status').filter({ hasText: `Erased 1 enquiry from ${email.toUpperCase()}.` })).toBeVisible();
  expect(sql('select count(*) from enquiries where reference = ?', reference)).toBe('0');
});

test('results: small groups hidden, charts with tables, a testimonial approved and shown', async ({ page, request }, testInfo) => {
  const course = `E2E ${testInfo.project.name} ${Date.now()}`;
  await sendResponses(request, course, 3);
  await signIn(page, TEAM, `/staff/results?college=${BERN}&course=${encodeURIComponent(course)}`);
  await expect(page.getByRole('heading', { name: 'Responses are arriving, but too few to show' })).toBeVisible();
  await expect(page.locator('figure.chart')).toHaveCount(0);
  await expectNoAxeViolations(page);

  await sendResponses(request, course, 3, 3);
  await page.reload();
  await expect(page.getByRole('heading', { name: '6 responses' })).toBeVisible();
  // The figures have noise added: what they say is approximate.
  await expect(page.getByText('The figures are approximate')).toBeVisible();
  await expect(page.getByText(/% positive \(very good or good\)/)).toBeVisible();
  // Each question's chart has its table; the bars are drawn at the
  // page's own text size, whatever the width.
  const chart = page.locator('figure.chart').filter({ has: page.locator('caption', { hasText: 'Overall, how was your experience of our service?' }) });
  await expect(chart.getByRole('row', { name: /Very good \d+ \d+%/ })).toBeVisible();
  const labelSize = await chart.locator('.bar-label').first().evaluate((e) => parseFloat(getComputedStyle(e).fontSize));
  expect(labelSize).toBeGreaterThanOrEqual(16);
  // The summary first: how many agree with each statement.
  await expect(page.getByRole('region', { name: 'How many agree' }).getByRole('row').filter({ hasText: /I learned something useful.*\d+%/ })).toBeVisible();
  await expect(page.getByText('Comments (6)')).toBeVisible();
  // In alphabetical order, not as they arrived.
  const comments = await page.locator('.comments blockquote').allTextContents();
  expect(comments).toEqual([...comments].sort());
  // One answered in Danish, a draft translation: said of them all, not of a comment.
  await expect(page.locator('.draft-translations')).toContainText('a translation not yet reviewed');
  await expect(page.locator('.comments')).not.toContainText('translation');
  await expectNoAxeViolations(page);
  await expectNoHorizontalScroll(page);

  // The team's home page lists last month's comments that could become
  // testimonials, each college's linked to its results for that month.
  await page.goto('/staff');
  const quotes = page.getByRole('region', { name: 'Comments that could become testimonials' });
  const bern = quotes.getByRole('link', { name: 'Recovery College Bern, course feedback' });
  await expect(quotes.getByRole('listitem').filter({ has: page.getByRole('link', { name: 'Recovery College Bern, course feedback' }) })).toHaveText(/^Recovery College Bern, course feedback: \d+ comments?$/);
  await expect(bern).toHaveAttribute('href', new RegExp(`^/staff/results\\?college=${BERN}&survey=course-feedback&from=\\d{4}-\\d{2}-01&to=\\d{4}-\\d{2}-\\d{2}$`));
  await expectNoAxeViolations(page);
  await bern.click();
  await expect(page.getByText(/^Counted: \w+ \d{4} \(whole months\)\.$/)).toBeVisible();
  // This test's comment among them, ready to approve.
  await expect(page.locator('li.comment').filter({ hasText: `Comment 0 on ${course}` })
    .getByRole('button', { name: 'Approve as testimonial' })).toBeVisible();
  // Closed colleges stay in the list: their results still matter.
  await expect(page.locator('#results-college option', { hasText: 'ACT Recovery College (closed)' })).toHaveCount(1);
  await page.goto(`/staff/results?college=${BERN}&course=${encodeURIComponent(course)}`);

  // Only the comment whose author agreed can become a testimonial.
  await expect(page.getByRole('button', { name: 'Approve as testimonial' })).toHaveCount(1);
  // Before approving, the page says where a quote may appear.
  await expect(page.getByText('may also show on the home page')).toBeVisible();
  await page.getByRole('button', { name: 'Approve as testimonial' }).click();
  // The confirmation beside the button, with the comment's course and month.
  const approved = page.locator('li.comment').filter({ hasText: 'Approved: the quote now shows' });
  await expect(approved.getByText('Approved: the quote now shows')).toBeFocused();
  await expect(approved.getByRole('button', { name: 'Withdraw testimonial' })).toBeVisible();
  await expect(approved).toContainText(`What went well? · ${course}, `);

  // The survey link and its poster for this course.
  // Only links made here name a course: they carry its signature.
  await page.getByLabel('Course or session name').fill('Managing anxiety');
  const link = page.getByRole('textbox', { name: 'Survey link' });
  await expect(link).toHaveValue(/\/feedback\/recovery-college-bern\?course=Managing\+anxiety&sig=[0-9a-f]{24}$/);
  // Copied in one click; the QR code downloadable for slides.
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.getByRole('button', { name: 'Copy link' }).click();
  await expect(page.getByText('Copied.')).toBeVisible();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(await link.inputValue());
  await expect(page.getByRole('link', { name: /^Download the QR code/ })).toHaveAttribute('href', /^\/api\/qr\.svg\?url=http/);
  await page.goto(await link.inputValue());
  await appReady(page);
  // (In Bern's language, German: "Kurs oder Treffen: Managing anxiety".)
  await expect(page.getByText(/: Managing anxiety$/)).toBeVisible();

  await page.goto(`/colleges/${BERN}`);
  await expect(page.getByRole('heading', { name: 'What students say' })).toBeVisible();
  await expect(page.getByText(`Comment 0 on ${course}`)).toBeVisible();
  await expectNoAxeViolations(page);

  // Withdrawn, it goes from the public page.
  await page.goto(`/staff/results?college=${BERN}&course=${encodeURIComponent(course)}`);
  await page.getByRole('button', { name: 'Withdraw testimonial' }).click();
  await expect(page.getByText('Withdrawn: the quote no longer shows.')).toBeVisible();

  // With an earlier month, the trend by month; with another course, the
  // courses side by side (each only from months counted for it alone).
  await sendResponses(request, course, 5, 10, BERN, 2);
  await sendResponses(request, `${course} B`, 5, 20, BERN, 1);
  await page.reload();
  await expect(page.getByRole('heading', { name: '11 responses' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Month by month' })).toBeVisible();
  const months = page.locator('figure.chart').filter({ has: page.locator('caption', { hasText: 'Month by month' }) });
  await expect(months.locator('tbody tr')).toHaveCount(2);
  await expect(months.locator('tbody tr').last().locator('td').last()).toHaveText('6');
  await page.goto(`/staff/results?college=${BERN}`);
  const courses = page.locator('figure.chart').filter({ has: page.locator('caption', { hasText: 'Course by course' }) });
  await expect(courses.getByRole('row').filter({ has: page.getByRole('rowheader', { name: course, exact: true }) }).locator('td').last()).toHaveText('11');
  await expect(courses.getByRole('row').filter({ has: page.getByRole('rowheader', { name: `${course} B`, exact: true }) }).locator('td').last()).toHaveText('5');
  await expectNoAxeViolations(page);
  await expectNoHorizontalScroll(page);
});

test('a small college sees what can safely be shown, and why the rest is hidden', async ({ page, request }, testInfo) => {
  test.setTimeout(60_000);
  // A college no other test sends responses to, one per project.
  const college = testInfo.project.name === 'phone' ? 'northern-trust-recovery-college' : 'belfast-recovery-college';
  // Last month: 3 and 2 on two courses, five together. The month before:
  // one alone.
  await sendResponses(request, 'Understanding Anxiety', 3, 0, college, 1);
  // (The helper moves all of a course's responses to its month, so the lone
  // one goes back after.)
  await sendResponses(request, 'Managing Sleep', 1, 10, college, 2);
  await sendResponses(request, 'Managing Sleep', 2, 0, college, 1);
  sql("update survey_responses set received_on = date('now', 'start of month', '-2 month') where college = ? and body like '%Comment 10 on%'", college);
  const email = `small-${testInfo.project.name}-${Date.now()}@example.org`;
  await collegeAccount(college, email, 'a first password for them');
  await signIn(page, { email, password: 'a first password for them' }, '/staff/results');
  await page.getByLabel('Current password').fill('a first password for them');
  await page.getByLabel('New password', { exact: true }).fill('small colleges count too');
  await page.getByRole('button', { name: 'Change password' }).click();
  await expect(page).toHaveURL(new RegExp(`college=${college}`));
  // All courses: last month's five counted together, said so; the lone
  // response of the month before left out, said so, without a number.
  await expect(page.getByRole('heading', { name: '5 responses' })).toBeVisible();
  await expect(page.getByText('1 month is counted with all its courses together')).toBeVisible();
  await expect(page.getByText('Left out: 1 course-month with fewer than 5 responses.')).toBeVisible();
  await expect(page.getByText(/^Counted: every month up to \w+ \d{4}\.$/)).toBeVisible();
  await expectNoAxeViolations(page);
  await expectNoHorizontalScroll(page);
  // A course chosen from those with responses, not typed.
  await expect(page.getByLabel('Course or session', { exact: true }).locator('option')).toHaveText(['All courses', 'Managing Sleep', 'Understanding Anxiety']);
  await page.getByLabel('Course or session', { exact: true }).selectOption('Understanding Anxiety');
  await page.getByRole('button', { name: 'Show results' }).click();
  await expect(page.getByRole('heading', { name: 'Responses are arriving, but too few to show' })).toBeVisible();
  await expect(page.getByText('1 course-month in these months had responses, but fewer than 5 each')).toBeVisible();
  await expect(page.getByLabel('Course or session', { exact: true })).toHaveValue('Understanding Anxiety');
  // Days are widened to whole months, and the page says which.
  await page.getByLabel('Course or session', { exact: true }).selectOption('');
  const lastMonth = sql("select strftime('%Y-%m', 'now', 'start of month', '-1 month')");
  await page.getByLabel('Sessions from').fill(`${lastMonth}-15`);
  await page.getByLabel('Sessions to').fill(`${lastMonth}-20`);
  await page.getByRole('button', { name: 'Show results' }).click();
  await expect(page.getByText(/^Counted: \w+ \d{4} \(whole months\)\.$/)).toBeVisible();
  await expect(page.getByRole('heading', { name: '5 responses' })).toBeVisible();
  await expectNoAxeViolations(page);
});

test("college staff: made by the team, see only their own college's results", async ({ page }, testInfo) => {
  // Two people sign in, one after the other: a long flow.
  test.setTimeout(60_000);
  const email = `bern-${testInfo.project.name}-${Date.now()}@example.org`;
  await signIn(page, TEAM, '/staff/accounts');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Accounts');
  await expectNoAxeViolations(page);
  // A common password is refused with the reason.
  await page.getByLabel('Name', { exact: true }).fill('Bern Staff');
  await page.getByLabel('Email address').fill(email);
  await addCollege(page.getByRole('form', { name: 'Make an account' }), BERN);
  await page.getByLabel('First password').fill('password123');
  await page.getByRole('button', { name: 'Make the account' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'There is a problem' })).toContainText('most common');
  await expectNoAxeViolations(page);
  // A reload (or an ended session) keeps what was typed, all but the
  // password, which is never kept in the browser.
  await page.reload();
  await expect(page.getByText('This form holds what you typed earlier')).toBeVisible();
  await expect(page.getByLabel('Name', { exact: true })).toHaveValue('Bern Staff');
  await expect(page.getByLabel('Email address')).toHaveValue(email);
  await expect(page.getByRole('form', { name: 'Make an account' }).getByRole('button', { name: 'Remove Recovery College Bern' })).toBeVisible();
  await expect(page.getByLabel('First password')).toHaveValue('');
  await page.getByLabel('First password').fill('bern tutors like tea');
  await page.getByRole('button', { name: 'Make the account' }).click();
  await expect(page.getByText(`Account made for ${email}`)).toBeVisible();
  await expect(page.getByRole('cell', { name: email, exact: true })).toBeVisible();
  // Made: the form is empty, and stays empty after a reload.
  await page.reload();
  await expect(page.getByLabel('Email address')).toHaveValue('');
  await expect(page.getByText('This form holds what you typed earlier')).toHaveCount(0);
  await page.getByRole('button', { name: 'Sign out' }).click();
  // Signed out only once the server has said so.
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Sign in to the staff pages');

  await signIn(page, { email, password: 'bern tutors like tea' }, '/staff');
  // The team chose that password: its owner chooses their own first.
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Choose your own password');
  await expect(page.getByRole('link', { name: 'Survey results' })).toHaveCount(0);
  await expectNoAxeViolations(page);
  await page.getByLabel('Current password').fill('bern tutors like tea');
  await page.getByLabel('New password', { exact: true }).fill('only bern staff know this');
  await page.getByRole('button', { name: 'Change password' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Staff pages');
  await expect(page.getByRole('heading', { level: 1 })).toBeFocused();
  await expect(page.getByRole('link', { name: 'Enquiries' })).toHaveCount(0);
  await page.getByRole('link', { name: 'Survey results', exact: true }).first().click();
  // One college: it is chosen for them.
  await expect(page).toHaveURL(/college=recovery-college-bern/);
  await expect(page.getByLabel('College', { exact: true }).locator('option')).toHaveCount(2);
  await expect(page.getByRole('link', { name: 'Download the results as CSV' })).toHaveCount(0);
  await page.goto('/staff/enquiries');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('You cannot see this page');
  await expectNoAxeViolations(page);
});

test('directory editing: a change is saved, shown publicly and kept in the history', async ({ page }, testInfo) => {
  const slug = testInfo.project.name === 'phone' ? 'recovery-college-stuttgart' : 'recovery-college-g-tersloh';
  const phone = testInfo.project.name === 'phone' ? '+49 711 000000' : '+49 5241 000000';
  await signIn(page, TEAM, '/staff/colleges');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Directory entries');
  await expectNoAxeViolations(page);
  await page.goto(`/staff/colleges/${slug}`);
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Edit ');
  // A broken value is caught before it is sent, with the same words as the server's.
  await page.getByLabel('Website (optional)').fill('not a web address');
  await page.getByRole('button', { name: 'Save changes' }).click();
  const summary = page.getByRole('alert').filter({ hasText: 'There is a problem' });
  await expect(summary).toBeFocused();
  await expect(summary.getByRole('link')).toHaveText(['Enter a web address starting with https://']);
  await expectNoAxeViolations(page);
  await summary.getByRole('link').click();
  await expect(page.getByLabel('Website (optional)')).toBeFocused();
  // Typed as people type it: made whole, not refused.
  await page.getByLabel('Website (optional)').fill('www.example.org/college');
  // Its place by the town's name, not coordinates.
  const town = await page.getByLabel('Town or city', { exact: true }).inputValue();
  await page.getByLabel('Where it is: find its town or city').fill(town.slice(0, 5));
  await page.getByRole('button', { name: 'Find', exact: true }).click();
  await page.getByRole('button', { name: new RegExp(`^${town}, Germany$`) }).click();
  await expect(page.getByText(`On the map at the centre of ${town}, Germany.`)).toBeFocused();
  await expect(page.getByText(/^Now on the map at \d+\.\d{1,4}, \d+\.\d{1,4} \(a town's centre\)\./)).toBeVisible();
  await expectNoAxeViolations(page);
  // Country and languages by name, not codes.
  await expect(page.getByLabel('Country', { exact: true })).toHaveValue('DE');
  await expect(page.getByLabel('Country', { exact: true }).locator('option:checked')).toHaveText('Germany');
  await page.getByLabel('Add a language').selectOption({ label: 'German' });
  await page.getByRole('button', { name: 'Add this language' }).click();
  await expect(page.getByRole('button', { name: 'Remove German' })).toBeVisible();
  await page.getByLabel('Contact phone (optional)').fill(phone);
  // In the college's own words, paragraphs kept.
  await page.getByLabel("About the college, in the college's own words (optional)").fill(`Courses for everyone in ${project(slug)}.\nFree of charge.`);
  await page.getByLabel('How courses are delivered').selectOption('online');
  await page.getByRole('button', { name: 'Save changes' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Saved. The directory shows the change now.' })).toBeFocused();
  await expect(page.getByLabel('Website (optional)')).toHaveValue('https://www.example.org/college');
  const latest = page.locator('.notes li').first();
  await expect(latest).toContainText('Tess Team');
  // Old and new values, and an earlier one restored (a change of its own).
  await expect(latest.getByRole('definition').filter({ hasText: 'https://www.example.org/college' })).toBeVisible();
  await expect(latest).toContainText(`How courses are delivered`);
  await expectNoAxeViolations(page);
  const website = latest.locator('.change-value').filter({ has: page.locator('dt', { hasText: /^Website$/ }) });
  const earlier = (await website.locator('del').textContent())!;
  await latest.getByRole('button', { name: 'Restore the earlier website' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Restored the earlier website.' })).toBeFocused();
  await expect(page.getByLabel('Website (optional)')).toHaveValue(earlier === '(empty)' ? '' : earlier);
  await expect(page.locator('.notes li').first().locator('.change-value')).toHaveCount(1);
  await expect(page.getByLabel('Contact phone (optional)')).toHaveValue(phone);

  await page.goto(`/colleges/${slug}`);
  await expect(page.getByText(phone)).toBeVisible();
  await expect(page.getByText('Online', { exact: true })).toBeVisible();
  const entry = await (await page.request.get(`/api/colleges/${slug}`)).json();
  expect(entry.languages).toContain('de');
  await expect(page.getByRole('heading', { name: "In the college's own words" })).toBeVisible();
  await expect(page.locator('.own-words')).toHaveText(`Courses for everyone in ${project(slug)}.\nFree of charge.`);
  await expectNoAxeViolations(page);
});

test('a suggestion from the public is carried out in the editor and approved with it', async ({ page }, testInfo) => {
  // A college per project: both change its phone number.
  const slug = testInfo.project.name === 'phone' ? 'slam-recovery-college' : 'recovery-college-greenwich';
  const phone = testInfo.project.name === 'phone' ? '+44 20 7000 0001' : '+44 20 7000 0002';
  const details = `Our phone number is now ${phone} (${testInfo.project.name} ${Date.now()})`;
  await page.goto(`/colleges/${slug}`);
  await appReady(page);
  const name = (await page.getByRole('heading', { level: 1 }).textContent())!.trim();
  await page.getByRole('link', { name: 'Suggest a change to this entry' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Suggest a change or add your college');
  await expect(page.getByLabel('Suggest a change to a listed college')).toBeChecked();
  await expect(page.getByLabel('Which college?')).toHaveValue(slug);
  await page.getByRole('button', { name: 'Send suggestion' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'There is a problem' }).getByRole('link'))
    .toHaveText(['Tell us what to change or add, in up to 5000 characters']);
  await expectNoAxeViolations(page);
  await page.getByLabel('Your suggestion').fill(details);
  await page.getByRole('button', { name: 'Send suggestion' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Thank you, your suggestion has been sent');
  await expectNoAxeViolations(page);

  await signIn(page, TEAM, '/staff/suggestions');
  const item = page.locator('li.comment').filter({ hasText: details });
  // The college by its name, not its address.
  await expect(item.getByRole('link', { name })).toBeVisible();
  await expectNoAxeViolations(page);
  await expectNoHorizontalScroll(page);
  await item.getByRole('link', { name: /^Make the change and approve/ }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Edit ${name}`);
  // The suggestion beside the entry; the form holds what is there now.
  const beside = page.getByRole('complementary', { name: /^Suggestion \d+$/ });
  await expect(beside).toContainText(details);
  await expectNoAxeViolations(page);
  await expectNoHorizontalScroll(page);
  await page.getByLabel('Contact phone (optional)').fill(phone);
  await page.getByRole('button', { name: /^Save and approve suggestion \d+$/ }).click();
  const saved = page.getByRole('status').filter({ hasText: /^Saved, and suggestion \d+ approved\./ });
  await expect(saved).toBeFocused();
  await expect(beside).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Save changes' })).toBeVisible();

  await page.goto(`/colleges/${slug}`);
  await expect(page.getByText(phone)).toBeVisible();
  await page.goto('/staff/suggestions');
  await expect(item.getByText('Approved')).toBeVisible();
  await expect(item).toContainText('by Tess Team');
});

test('accounts: disabled, enabled, a new password set, and one changed by its owner', async ({ page }, testInfo) => {
  // Several sign-ins and password hashes in a row: a long flow.
  test.setTimeout(60_000);
  const email = `lost-${testInfo.project.name}-${Date.now()}@example.org`;
  await signIn(page, TEAM, '/staff/accounts');
  await page.getByLabel('Name', { exact: true }).fill('Lost Password');
  await page.getByLabel('Email address').fill(email);
  await addCollege(page.getByRole('form', { name: 'Make an account' }), BERN);
  await page.getByLabel('First password').fill('first of the passwords');
  await page.getByRole('button', { name: 'Make the account' }).click();
  const row = page.getByRole('row').filter({ hasText: email });
  await row.getByRole('button', { name: `Disable ${email}` }).click();
  await expect(row.getByText('Disabled')).toBeVisible();
  await expectNoAxeViolations(page);
  await expectNoHorizontalScroll(page);
  await row.getByRole('button', { name: `Enable ${email}` }).click();
  await expect(row.getByText('Disabled')).toHaveCount(0);
  await row.getByText(`New password for ${email}`).click();
  await row.getByLabel('New password for Lost Password').fill('second of the passwords');
  await row.getByRole('button', { name: 'Set the password' }).click();
  await expect(row.getByLabel('New password for Lost Password')).toHaveValue('');
  // A second college, chosen by name; the table lists them by name.
  await row.getByText(`Role and colleges of ${email}`).click();
  await addCollege(row, { label: 'Nottingham Recovery College' });
  await expect(row.getByRole('button', { name: 'Remove Nottingham Recovery College' })).toBeVisible();
  await row.getByRole('button', { name: 'Save role and colleges' }).click();
  await expect(row.getByRole('cell', { name: 'Nottingham Recovery College; Recovery College Bern' })).toBeVisible();
  expect(sql('select group_concat(college) from (select college from account_colleges c join accounts a on a.id = c.account_id where a.email = ? order by college)', email))
    .toBe('nottingham-recovery-college,recovery-college-bern');
  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Sign in to the staff pages');

  await page.goto('/staff');
  await page.getByLabel('Email address').fill(email);
  await page.getByLabel('Password').fill('first of the passwords');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'There is a problem' })).toContainText('not right');
  await page.getByLabel('Password').fill('second of the passwords');
  await page.getByRole('button', { name: 'Sign in' }).click();
  // Set by the team, so changed before anything else.
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Choose your own password');

  await page.getByLabel('Current password').fill('not my password');
  await page.getByLabel('New password', { exact: true }).fill('third and my own');
  await page.getByRole('button', { name: 'Change password' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'There is a problem' }).getByRole('link'))
    .toHaveText(['Your current password is not right']);
  await expectNoAxeViolations(page);
  await page.getByLabel('Current password').fill('second of the passwords');
  await page.getByRole('button', { name: 'Change password' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Staff pages');
  // Now the ordinary change, from the staff home.
  await page.getByLabel('Current password').fill('third and my own');
  await page.getByLabel('New password', { exact: true }).fill('fourth and still mine');
  await page.getByRole('button', { name: 'Change password' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Your password is changed.' })).toBeFocused();
});

import { test, expect, Page } from './fixtures';
import { execFileSync } from 'node:child_process';
import { appReady, expectNoAxeViolations } from './helpers';

/** The enquiry stored under `reference`, read from the server's own SQLite file. */
function stored(reference: string): Record<string, unknown> | null {
  const out = execFileSync('python3', ['-c', `
import json, sqlite3, sys
db = sqlite3.connect(sys.argv[1])
db.row_factory = sqlite3.Row
row = db.execute("select * from enquiries where reference = ?", (sys.argv[2],)).fetchone()
print(json.dumps(dict(row) if row else None))
`, process.env.E2E_DB!, reference]).toString();
  return JSON.parse(out);
}

function countFrom(email: string): number {
  const out = execFileSync('python3', ['-c', `
import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
print(db.execute("select count(*) from enquiries where email = ?", (sys.argv[2],)).fetchone()[0])
`, process.env.E2E_DB!, email]).toString();
  return Number(out.trim());
}

async function openForm(page: Page) {
  await page.goto('/join');
  await appReady(page);
  // The form's token has arrived once the privacy notice names the period.
  await expect(page.getByText(/We keep it for 2 years/)).toBeVisible();
}

async function fillAboutYou(page: Page, email: string, message = 'We would like to talk.') {
  await page.getByLabel('Your name').fill('Ada Lovelace');
  await page.getByLabel('Your email address').fill(email);
  await page.getByLabel('Organisation', { exact: true }).fill('Example Health Trust');
  await page.getByLabel('Your role').fill('Recovery College manager');
  await page.getByLabel('Country').selectOption('GB');
  await page.getByLabel('Your message').fill(message);
  await page.getByLabel(/I agree to be contacted/).check();
}

async function send(page: Page): Promise<string> {
  await page.getByRole('button', { name: 'Send enquiry' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Enquiry sent');
  await expect(page.getByRole('heading', { level: 1 })).toBeFocused();
  const reference = (await page.locator('.reference').innerText()).trim();
  expect(reference).toMatch(/^ENQ-\d{4}-\d{5}$/);
  return reference;
}

test('the page explains the Learning Set with live figures and is reached from home', async ({ page }) => {
  await page.goto('/');
  await appReady(page);
  await page.getByRole('link', { name: 'Join the Learning Set or get in touch' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(
    'Join the Learning Set or talk to the Recovery College team',
  );
  await expect(page).toHaveTitle('Join the Learning Set or talk to the Recovery College team – Recovery Colleges');
  // (Staff tests may have marked members by now.)
  await expect(page.getByText(
    /This directory lists \d+ colleges in \d+ countries(; \d+ of them|\. Learning Set membership is not recorded here yet)/,
  )).toBeVisible();
  await expect(page.getByText(/28 organisations running 43 Recovery Colleges/)).toBeVisible();
  await expect(page.getByRole('navigation').getByRole('link', { name: 'Join the Learning Set' })).toBeVisible();
  // The follow-up questions wait for the first answer.
  await expect(page.getByLabel('How many Recovery Colleges does your organisation run?')).toHaveCount(0);
  await expectNoAxeViolations(page);
});

test('the empty form: an error summary that takes focus and links to each field', async ({ page }) => {
  await openForm(page);
  await page.getByRole('button', { name: 'Send enquiry' }).click();
  const summary = page.getByRole('alert').filter({ hasText: 'There is a problem' });
  await expect(summary).toBeFocused();
  await expect(page).toHaveTitle(/^There is a problem: /);
  await expect(summary.getByRole('link')).toHaveText([
    'Select what your enquiry is about',
    'Enter your name',
    'Enter your email address',
    'Enter the name of your organisation',
    'Enter your role in the organisation',
    'Select your country',
    'Enter your message',
    'Select that you agree to be contacted about this enquiry, so that we can reply',
  ]);
  // The same message beside each field.
  await expect(page.locator('#enquiry-email-error')).toHaveText('Error: Enter your email address');
  await expect(page.getByLabel('Your email address')).toHaveAttribute('aria-invalid', 'true');
  await expectNoAxeViolations(page);
  await summary.getByRole('link', { name: 'Enter your email address' }).click();
  await expect(page.getByLabel('Your email address')).toBeFocused();
  await summary.getByRole('link', { name: 'Select what your enquiry is about' }).click();
  await expect(page.getByLabel('Joining the International Recovery College Learning Set')).toBeFocused();
});

const paths = [
  {
    kind: 'Joining the International Recovery College Learning Set',
    stored: 'join_learning_set',
    follow: async (page: Page) => {
      const count = page.getByLabel('How many Recovery Colleges does your organisation run?');
      await page.getByLabel('Yes', { exact: true }).check();
      await expect(count).toBeVisible();
      await page.getByLabel('No', { exact: true }).check();
      await expect(count).toHaveCount(0);
      await page.getByLabel('Yes', { exact: true }).check();
      await count.fill('3');
    },
    expect: { runs_colleges: 1, college_count: 3, stage: null },
  },
  {
    kind: 'Starting a new Recovery College',
    stored: 'new_college',
    follow: async (page: Page) => {
      await expect(page.getByText('Does your organisation run a Recovery College now?')).toHaveCount(0);
      await page.getByLabel('Planning, without agreed funding yet').check();
    },
    expect: { runs_colleges: null, college_count: null, stage: 'planning' },
  },
  {
    kind: 'Developing an existing Recovery College',
    stored: 'existing_college',
    follow: async (page: Page) => {
      await page.getByLabel('How many Recovery Colleges does your organisation run?').fill('2');
    },
    expect: { runs_colleges: null, college_count: 2, stage: null },
  },
  {
    kind: 'Training or consultancy',
    stored: 'training_consultancy',
    follow: async (page: Page) => {
      await expect(page.getByLabel('How many Recovery Colleges does your organisation run?')).toHaveCount(0);
      await expect(page.getByText('How far have your plans come?')).toHaveCount(0);
    },
    expect: { runs_colleges: null, college_count: null, stage: null },
  },
  {
    kind: 'Something else',
    stored: 'other',
    follow: async () => {},
    expect: { runs_colleges: null, college_count: null, stage: null },
  },
];

for (const path of paths) {
  test(`enquiry path: ${path.kind}`, async ({ page }) => {
    await openForm(page);
    await page.getByLabel(path.kind).check();
    await path.follow(page);
    const email = `${path.stored}-${Date.now()}@example.org`;
    await fillAboutYou(page, email, `About ${path.kind}`);
    const reference = await send(page);
    await expect(page.getByText('We have sent your enquiry to the Recovery College team.')).toBeVisible();
    await expectNoAxeViolations(page);
    const row = stored(reference)!;
    expect(row).not.toBeNull();
    expect(row.kind).toBe(path.stored);
    expect(row.status).toBe('new');
    expect(row.email).toBe(email);
    expect(row.message).toBe(`About ${path.kind}`);
    expect({ runs_colleges: row.runs_colleges, college_count: row.college_count, stage: row.stage }).toEqual(
      path.expect,
    );
    // The draft is gone once the enquiry is in: a new form starts empty.
    await page.getByRole('link', { name: 'Send another enquiry' }).click();
    await expect(page.getByLabel('Your name')).toHaveValue('');
  });
}

test('each invalid value is named beside its field and in the summary', async ({ page }) => {
  await openForm(page);
  await page.getByLabel('Developing an existing Recovery College').check();
  await fillAboutYou(page, 'ada@example.org');
  const cases: Array<[(p: Page) => Promise<void>, string, string]> = [
    [(p) => p.getByLabel('Your email address').fill('ada@example'), '#enquiry-email-error',
      'Enter an email address in the correct format, like name@example.com'],
    [(p) => p.getByLabel('How many Recovery Colleges does your organisation run?').fill('three'),
      '#enquiry-college-count-error', 'The number of colleges must be a whole number between 1 and 1,000'],
    [(p) => p.getByLabel('Your name').fill('x'.repeat(121)), '#enquiry-name-error',
      'Your name must be 120 characters or fewer'],
    [(p) => p.getByLabel('Your message').fill('y'.repeat(5001)), '#enquiry-message-error',
      'Your message must be 5,000 characters or fewer'],
  ];
  for (const [breakIt, errorId, message] of cases) {
    await page.getByLabel('Your email address').fill('ada@example.org');
    await page.getByLabel('How many Recovery Colleges does your organisation run?').fill('2');
    await page.getByLabel('Your name').fill('Ada Lovelace');
    await page.getByLabel('Your message').fill('We would like to talk.');
    await breakIt(page);
    await page.getByRole('button', { name: 'Send enquiry' }).click();
    const summary = page.getByRole('alert').filter({ hasText: 'There is a problem' });
    await expect(summary).toBeFocused();
    await expect(summary.getByRole('link')).toHaveText([message]);
    await expect(page.locator(errorId)).toHaveText(`Error: ${message}`);
  }
  await expect(page.getByText('You have 1 character too many')).toBeVisible();
  await expectNoAxeViolations(page);
});

test('a reload keeps everything typed', async ({ page }) => {
  await openForm(page);
  await page.getByLabel('Joining the International Recovery College Learning Set').check();
  await page.getByLabel('Yes', { exact: true }).check();
  await page.getByLabel('How many Recovery Colleges does your organisation run?').fill('4');
  await fillAboutYou(page, 'reload@example.org', 'Line one\nLine two');
  await page.reload();
  await appReady(page);
  await expect(page.getByLabel('Joining the International Recovery College Learning Set')).toBeChecked();
  await expect(page.getByLabel('Yes', { exact: true })).toBeChecked();
  await expect(page.getByLabel('How many Recovery Colleges does your organisation run?')).toHaveValue('4');
  await expect(page.getByLabel('Your name')).toHaveValue('Ada Lovelace');
  await expect(page.getByLabel('Your email address')).toHaveValue('reload@example.org');
  await expect(page.getByLabel('Country')).toHaveValue('GB');
  await expect(page.getByLabel('Your message')).toHaveValue('Line one\nLine two');
  await expect(page.getByLabel(/I agree to be contacted/)).toBeChecked();
  const reference = await send(page);
  expect(stored(reference)!.college_count).toBe(4);
});

test('a failed request loses nothing, and sending again stores one enquiry', async ({ page, context }) => {
  await openForm(page);
  await page.getByLabel('Something else').check();
  const email = `offline-${Date.now()}@example.org`;
  await fillAboutYou(page, email);
  await context.setOffline(true);
  await page.getByRole('button', { name: 'Send enquiry' }).click();
  await expect(page.getByRole('alert')).toContainText('We could not send your enquiry.');
  await expect(page.getByLabel('Your email address')).toHaveValue(email);
  await expectNoAxeViolations(page);
  await context.setOffline(false);
  await send(page);
  expect(countFrom(email)).toBe(1);
});

test('the hidden spam trap cannot be reached by people', async ({ page }) => {
  await openForm(page);
  const trap = page.locator('#enquiry-website');
  await expect(trap).toHaveAttribute('tabindex', '-1');
  await expect(page.locator('.hp-field')).toHaveAttribute('aria-hidden', 'true');
  // Tabbing from the consent box goes straight to the send button.
  await page.getByLabel(/I agree to be contacted/).focus();
  await page.keyboard.press('Tab');
  await expect(page.getByRole('button', { name: 'Send enquiry' })).toBeFocused();
});

test('in German: the switch keeps what was typed, and the confirmation follows', async ({ page }) => {
  await openForm(page);
  await page.getByLabel('Your name').fill('Grete Beispiel');
  await page.locator('.language-menu summary').click();
  await page.getByRole('link', { name: 'Deutsch' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(
    'Dem Learning Set beitreten oder mit dem Recovery-College-Team sprechen');
  await expect(page.getByRole('heading', { level: 1 })).toBeFocused();
  await expect(page.locator('html')).toHaveAttribute('lang', 'de');
  await expect(page.getByLabel('Ihr Name')).toHaveValue('Grete Beispiel');
  await page.getByRole('button', { name: 'Anfrage senden' }).click();
  const summary = page.getByRole('alert').filter({ hasText: 'Es gibt ein Problem' });
  await expect(summary).toBeFocused();
  await expect(summary.getByRole('link').first()).toHaveText('Wählen Sie aus, worum es in Ihrer Anfrage geht');
  await expectNoAxeViolations(page);
  await page.getByLabel('Etwas anderes').check();
  await page.getByLabel('Ihre E-Mail-Adresse').fill('grete@example.de');
  await page.getByLabel('Organisation', { exact: true }).fill('Beispiel Klinikum');
  await page.getByLabel('Ihre Funktion').fill('Leitung');
  await page.getByLabel('Land').selectOption('DE');
  // Country names in German too, from the browser's own (CLDR) names.
  await expect(page.getByLabel('Land').locator('option:checked')).toHaveText('Deutschland');
  await expect(page.getByLabel('Land').locator('option[value="IE"]')).toHaveText('Irland');
  await page.getByLabel('Ihre Nachricht').fill('Wir möchten sprechen.');
  await page.getByLabel(/Ich bin einverstanden/).check();
  await page.getByRole('button', { name: 'Anfrage senden' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Anfrage gesendet');
  await expect(page.locator('.panel-body')).toContainText(/Ihre Referenznummer\s*ENQ-\d{4}-\d{5}/);
  await expectNoAxeViolations(page);
});

test('before the app arrives (or without it) the form is sent as an ordinary post; the server shows what was wrong', async ({ browser }) => {
  // A poor connection: the page came, its scripts never do.
  const context = await browser.newContext({ viewport: { width: 375, height: 812 } });
  const page = await context.newPage();
  await page.route(/\.(js|wasm)(\?.*)?$/, (route) => route.abort());
  await page.goto('/join');
  await page.getByLabel('Joining the International Recovery College Learning Set').check();
  await fillAboutYou(page, `no-app-${Date.now()}@example.org`);
  await page.getByRole('button', { name: 'Send enquiry' }).click();
  // Drawn again by the server: what was typed, what is missing, and the
  // questions this kind of enquiry asks.
  await expect(page.getByRole('alert').filter({ hasText: 'There is a problem' })).toBeVisible();
  await expect(page.getByLabel('Your name')).toHaveValue('Ada Lovelace');
  await expect(page.getByLabel('Country')).toHaveValue('GB');
  await expect(page.getByLabel(/I agree to be contacted/)).toBeChecked();
  await expect(page.getByLabel('Joining the International Recovery College Learning Set')).toBeChecked();
  await expectNoAxeViolations(page);
  // Without the app, each answer's follow-up question comes with the next page.
  await page.getByLabel('Yes', { exact: true }).check();
  await page.getByRole('button', { name: 'Send enquiry' }).click();
  await page.getByLabel('How many Recovery Colleges does your organisation run?').fill('2');
  await page.getByRole('button', { name: 'Send enquiry' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Enquiry sent');
  await expect(page.locator('.reference')).toHaveText(/^ENQ-\d{4}-\d{5}$/);
  await context.close();
});

import { defineConfig, devices } from '@playwright/test';

// Debian's Chromium, never a downloaded one. Without the background
// networking flags Chromium keeps trying to reach Google on a closed network.
const launchOptions = {
  executablePath: process.env.CHROME_PATH || '/usr/bin/chromium',
  args: [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--disable-quic',
    '--no-first-run',
  ],
};

export default defineConfig({
  testDir: './tests/e2e',
  timeout: 30_000,
  expect: { timeout: 10_000 },
  fullyParallel: true,
  workers: 2,
  // No retries: a test that passes only on a second try is a test that
  // waits on time or races the app, and is fixed rather than retried.
  retries: 0,
  reporter: [['list'], ['./tests/e2e/reporter.ts']],
  use: {
    baseURL: process.env.BASE_URL || 'http://127.0.0.1:8080',
    trace: 'off',
  },
  projects: [
    {
      name: 'desktop',
      // The survey and the enquiry form are tested at phone size, as most
      // people who use them do.
      testIgnore: ['**/feedback.spec.ts', '**/join.spec.ts', '**/evidence.spec.ts', '**/languages.spec.ts', '**/drift.spec.ts', '**/staff-narrow.spec.ts'],
      use: { ...devices['Desktop Chrome'], viewport: { width: 1280, height: 800 }, launchOptions },
    },
    {
      name: 'phone',
      use: { ...devices['Pixel 7'], launchOptions },
    },
  ],
});

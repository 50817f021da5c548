import { defineConfig } from '@playwright/test';

/**
 * Browser tests of the Teamflow portal in Debian's Chromium (never a downloaded browser).
 * Playwright starts the portal as `yarn start` does (frontend dev server on :3000, backend on
 * :7007) with app-config.e2e.yaml on top, so the tests see a fresh in-memory catalog of the demo
 * organisation. Locally a portal that is already running is reused.
 */
const chromium = process.env.TEAMFLOW_CHROMIUM ?? '/usr/bin/chromium';
const configArgs =
  '--config ../../app-config.yaml --config ../../app-config.e2e.yaml';

export default defineConfig({
  testDir: 'packages/app/e2e-tests',
  timeout: 90_000,
  expect: { timeout: 20_000 },
  fullyParallel: false,
  workers: 1,
  forbidOnly: !!process.env.CI,
  // One retry under CI absorbs a timing flake; a test that fails twice fails the run, and
  // Playwright reports any retried test as "flaky" in the output.
  retries: process.env.CI ? 1 : 0,
  reporter: [
    ['list'],
    ['html', { open: 'never', outputFolder: 'e2e-test-report' }],
  ],
  webServer: [
    {
      command: `yarn workspace backend start ${configArgs}`,
      url: 'http://localhost:7007/.backstage/health/v1/readiness',
      reuseExistingServer: !process.env.CI,
      timeout: 180_000,
      stdout: 'ignore',
    },
    {
      command: `yarn workspace app start ${configArgs}`,
      url: 'http://localhost:3000',
      reuseExistingServer: !process.env.CI,
      timeout: 180_000,
      stdout: 'ignore',
    },
  ],
  use: {
    baseURL: 'http://localhost:3000',
    browserName: 'chromium',
    viewport: { width: 1440, height: 900 },
    launchOptions: {
      executablePath: chromium,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
    screenshot: 'only-on-failure',
    trace: 'retain-on-failure',
  },
  outputDir: 'node_modules/.cache/e2e-test-results',
});

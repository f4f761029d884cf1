import { defineConfig } from '@playwright/test';
import { E2E_BASE_URL, E2E_ENV } from './tests/e2e/e2e-env';

/**
 * End-to-end tests against the BUILT app (run `npx next build` first; `npm test` does).
 * The webServer command prepares the e2e database (tests/e2e/global-setup.ts: drop, create, migrate,
 * seed) and then starts web + realtime + worker with scripts/start.ts on ports 3100/3101.
 * Browser: Debian's Chromium at /usr/bin/chromium (never `npx playwright install`).
 */
const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

export default defineConfig({
  testDir: 'tests/e2e',
  fullyParallel: false,
  workers: 1,
  retries: 0,
  forbidOnly: !!process.env.CI,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [['list'], ['html', { open: 'never', outputFolder: 'playwright-report' }]],
  outputDir: 'test-results',
  use: {
    baseURL: E2E_BASE_URL,
    browserName: 'chromium',
    screenshot: 'only-on-failure',
    trace: 'retain-on-failure',
    launchOptions: { executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS },
  },
  projects: [
    { name: 'chromium' },
    // The widget on customers' sites again, with third-party cookies (and the frame's storage) blocked.
    {
      name: 'third-party-blocked',
      testMatch: /widget-cross-site\.spec\.ts/,
      use: { launchOptions: { executablePath: '/usr/bin/chromium', args: [...CHROMIUM_ARGS, '--test-third-party-cookie-phaseout'] } },
    },
  ],
  webServer: {
    command: 'npx tsx tests/e2e/global-setup.ts && npm run build:server && npx tsx scripts/start.ts',
    url: `${E2E_BASE_URL}/api/health`,
    env: E2E_ENV,
    // A shared, loaded machine can need minutes to start web + realtime + worker.
    timeout: 240_000,
    reuseExistingServer: false,
    stdout: 'pipe',
    stderr: 'pipe',
    // SIGTERM to the process group, so the worker and realtime server close their connections cleanly.
    gracefulShutdown: { signal: 'SIGTERM', timeout: 15_000 },
  },
});

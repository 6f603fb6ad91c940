import { existsSync } from 'node:fs';
import { defineConfig } from '@playwright/test';

// Debian's Chromium when it is there (CI and the development machines); otherwise Playwright's
// own browser, installed with `npx playwright install chromium`. scripts/run-e2e.mjs says which.
const systemChromium = ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => existsSync(p));
const executablePath = process.env.CHROME_PATH ?? systemChromium;
// Two checkouts can run their suites side by side on other ports (E2E_PORT, E2E_STATIC_PORT).
const port = Number(process.env.E2E_PORT ?? 4173);
const staticPort = Number(process.env.E2E_STATIC_PORT ?? 4180);

export default defineConfig({
  testDir: './e2e',
  timeout: 60_000,
  fullyParallel: false,
  workers: 1,
  forbidOnly: !!process.env.CI,
  // One retry: on a loaded two-core machine a browser can stall for longer than a test's budget.
  // A test that passes only on its retry is still listed as flaky in the summary.
  retries: 1,
  reporter: process.env.CI ? [['list'], ['html', { open: 'never' }]] : [['list']],
  use: {
    browserName: 'chromium',
    headless: true,
    serviceWorkers: 'allow',
    baseURL: `http://localhost:${port}`,
    trace: 'retain-on-failure',
    launchOptions: {
      ...(executablePath ? { executablePath } : {}),
      args: [
        '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
        '--disable-background-networking', '--disable-component-update', '--disable-sync',
      ],
    },
  },
  webServer: [
    {
      command: `npm run build && npm run preview -- --port ${port}`,
      url: `http://localhost:${port}`,
      reuseExistingServer: !process.env.CI,
      timeout: 120_000,
    },
    {
      // The same app built under a sub-path and served with no isolation headers, as on GitHub Pages.
      command: `npm run build:static && node scripts/static-server.mjs dist-static ${staticPort}`,
      url: `http://localhost:${staticPort}/encounter-lab/`,
      reuseExistingServer: !process.env.CI,
      timeout: 120_000,
    },
  ],
});

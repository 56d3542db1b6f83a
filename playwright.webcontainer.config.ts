// The opt-in WebContainer suite on its own (`npm run test:webcontainer`, README "Before a release"): every
// playground on every page in a real WebContainer, against E2E_BASE_URL (a deployed preview, or `astro dev` on
// localhost), or else against `astro preview` of the last `npm run build:e2e`. It needs StackBlitz's servers, so
// without E2E_WEBCONTAINER=1 its tests are reported as skipped. The report: .cache/test-results/webcontainer/.
import { rmSync } from 'node:fs';
import { defineConfig, devices } from '@playwright/test';
import { chromiumExecutable, chromiumFlags } from './scripts/chromium.ts';
import { WEBCONTAINER_REPORT_DIR } from './tests/e2e/webcontainer-report.ts';

const port = Number(process.env.E2E_PORT ?? 4329);
const baseURL = process.env.E2E_BASE_URL?.replace(/\/$/, '') ?? `http://127.0.0.1:${port}`;

// Workers load this file too: only the main process clears the last run's report.
if (!process.env.E2E_RUN_STARTED) {
  process.env.E2E_RUN_STARTED = '1';
  rmSync(WEBCONTAINER_REPORT_DIR, { recursive: true, force: true });
}

export default defineConfig({
  testDir: 'tests/e2e',
  testMatch: /webcontainer\.spec\.ts$/,
  // One run at a time: the claims compare latencies, and two browsers running playgrounds would share the cores.
  workers: 1,
  retries: 0,
  reporter: [['list'], ['json', { outputFile: '.cache/test-results/playwright-webcontainer.json' }]],
  use: {
    ...devices['Desktop Chrome'],
    launchOptions: { executablePath: chromiumExecutable(), args: chromiumFlags },
    baseURL,
    trace: 'retain-on-failure',
  },
  // A given address is used as it is; otherwise the preview of the build, with the headers a deploy sends.
  ...(process.env.E2E_BASE_URL
    ? {}
    : {
        webServer: {
          command: `npx astro preview --ignore-lock --host 127.0.0.1 --port ${port}`,
          url: `${baseURL}/en/`,
          reuseExistingServer: false,
          timeout: 60_000,
        },
      }),
});

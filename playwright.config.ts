import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import { defineConfig, devices } from '@playwright/test';
import { chromiumExecutable, chromiumFlags } from './scripts/chromium.ts';
import { WEBCONTAINER_REPORT_DIR } from './tests/e2e/webcontainer-report.ts';

const port = Number(process.env.E2E_PORT ?? 4329);
const runnerPort = Number(process.env.E2E_RUNNER_PORT ?? 4398);
// One token per test run, set before the workers start so they inherit it (tests/e2e/runner.ts reads it).
process.env.E2E_RUNNER_TOKEN ??= randomBytes(32).toString('base64url');
process.env.E2E_RUNNER_URL ??= `http://127.0.0.1:${runnerPort}`;
// The budget figures of an earlier run must not mix into this one's table (workers load this file too, and
// inherit the variable, so only the main process clears them).
if (!process.env.E2E_RUN_STARTED) {
  process.env.E2E_RUN_STARTED = '1';
  // `budgetResultsDir` of scripts/lighthouse.ts, spelled out: importing Lighthouse here would cost every worker ~2 s.
  rmSync('.cache/test-results/budgets', { recursive: true, force: true });
  rmSync(WEBCONTAINER_REPORT_DIR, { recursive: true, force: true });
}

const chromium = {
  ...devices['Desktop Chrome'],
  launchOptions: { executablePath: chromiumExecutable(), args: chromiumFlags },
};

export default defineConfig({
  testDir: 'tests/e2e',
  fullyParallel: true,
  workers: process.env.CI ? 2 : undefined,
  forbidOnly: Boolean(process.env.CI),
  retries: 0,
  reporter: [['list'], ['json', { outputFile: '.cache/test-results/playwright.json' }]],
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    trace: 'retain-on-failure',
  },
  projects: [
    {
      name: 'chromium',
      testIgnore: [/budgets\.spec\.ts$/, /playground\.spec\.ts$/, /webcontainer\.spec\.ts$/],
      use: chromium,
    },
    {
      // The centrepiece runs eight processes and compares their latencies as ratios: other tests sharing the two
      // cores would skew them. This project starts once the others have finished and runs one test at a time.
      name: 'playground',
      testMatch: /playground\.spec\.ts$/,
      dependencies: ['chromium'],
      fullyParallel: false,
      use: chromium,
    },
    {
      // Opt-in (E2E_WEBCONTAINER=1, which needs network): every playground in a real WebContainer, judged by its claim,
      // against this preview; skipped with the reason otherwise. Alone, like the centrepiece, for the same reason.
      // playwright.webcontainer.config.ts runs the same suite against any address, a deployed preview included.
      name: 'webcontainer',
      testMatch: /webcontainer\.spec\.ts$/,
      dependencies: ['playground'],
      fullyParallel: false,
      use: chromium,
    },
    {
      // Lighthouse measures performance, which other tests running beside it would skew: this project starts
      // once every other browser test has finished, and runs its pages one at a time.
      name: 'budgets',
      testMatch: /budgets\.spec\.ts$/,
      dependencies: ['webcontainer'],
      fullyParallel: false,
      // A page below the performance minimum is measured up to five times (scripts/lighthouse.ts): one full run
      // of ~13 s and four of performance alone, each retried once if Lighthouse fails to record a trace.
      timeout: 300_000,
    },
  ],
  webServer: [
    {
      // The preview server of the build `npm test` just made: the same files and headers a deploy serves.
      command: `npx astro preview --ignore-lock --host 127.0.0.1 --port ${port}`,
      url: `http://127.0.0.1:${port}/en/`,
      // Never a server left from an earlier build: the tests must see the build they follow.
      reuseExistingServer: false,
      timeout: 60_000,
    },
    {
      // The local runner the playground tests Run with, allowing only the preview's origin.
      command: `node src/runner/cli.ts --port ${runnerPort} --origin http://127.0.0.1:${port}`,
      env: { ELL_RUNNER_TOKEN: process.env.E2E_RUNNER_TOKEN },
      // Answers 403 without an Origin header, which Playwright counts as up.
      url: `${process.env.E2E_RUNNER_URL}/v1/hello`,
      reuseExistingServer: false,
      timeout: 30_000,
    },
  ],
});

// Prints one line, `N passed, N failed, N skipped`, summing the vitest and Playwright JSON reports that
// `npm test` wrote. A report that is missing (its runner never started because an earlier step failed)
// is named, so a short count is never mistaken for a complete one. Before it, where .ci/run timed its two
// commands (CI_INSTALL_SECONDS, CI_TEST_SECONDS), a line with how long each phase took.
import { existsSync, readFileSync } from 'node:fs';

interface Counts { passed: number; failed: number; skipped: number }

const dir = '.cache/test-results';
interface Report {
  name: string;
  file: string;
  read: (json: any) => Counts;
  /** How long the runner ran, in seconds, from its own report. */
  seconds: (json: any) => number;
}

const reports: Report[] = [
  {
    name: 'vitest',
    file: `${dir}/vitest.json`,
    // A file that fails to load counts only among the suites; it is a failure all the same.
    read: (r) => ({
      passed: r.numPassedTests,
      failed: r.numFailedTests + r.numFailedTestSuites,
      skipped: r.numPendingTests + (r.numTodoTests ?? 0),
    }),
    seconds: (r) => (Math.max(r.startTime, ...r.testResults.map((file: { endTime: number }) => file.endTime)) - r.startTime) / 1000,
  },
  {
    name: 'playwright',
    file: `${dir}/playwright.json`,
    // Errors outside any test (a web server that did not start, a config that did not load) are failures too.
    read: (r) => ({
      passed: r.stats.expected + r.stats.flaky,
      failed: r.stats.unexpected + (r.errors?.length ?? 0),
      skipped: r.stats.skipped,
    }),
    seconds: (r) => r.stats.duration / 1000,
  },
];

const total: Counts = { passed: 0, failed: 0, skipped: 0 };
const missing: string[] = [];
const durations: string[] = [];
let timed = 0;
for (const { name, file, read, seconds } of reports) {
  if (!existsSync(file)) {
    missing.push(name);
    continue;
  }
  const json = JSON.parse(readFileSync(file, 'utf8'));
  const ran = seconds(json);
  timed += ran;
  durations.push(`${name} ${Math.round(ran)} s`);
  const counts = read(json);
  total.passed += counts.passed;
  total.failed += counts.failed;
  total.skipped += counts.skipped;
}
if (missing.length > 0) console.log(`(no report from ${missing.join(', ')}: it did not run)`);
const install = Number(process.env.CI_INSTALL_SECONDS);
const test = Number(process.env.CI_TEST_SECONDS);
if (Number.isFinite(install) && Number.isFinite(test) && process.env.CI_TEST_SECONDS) {
  const rest = Math.max(0, Math.round(test - timed));
  console.log(
    `phases: npm install ${install} s; npm test ${test} s = ${[...durations, `the rest ${rest} s (Chromium check, type checks, build)`].join(' + ')}`,
  );
}
console.log(`${total.passed} passed, ${total.failed} failed, ${total.skipped} skipped`);

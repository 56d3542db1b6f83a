// Prints one line, `N passed, N failed, N skipped`, summing the vitest and Playwright JSON reports that
// `npm test` wrote. A report that is missing (its runner never started because an earlier step failed)
// is named, so a short count is never mistaken for a complete one.
import { existsSync, readFileSync } from 'node:fs';

interface Counts { passed: number; failed: number; skipped: number }

const dir = '.cache/test-results';
const reports: Array<{ name: string; file: string; read: (json: any) => Counts }> = [
  {
    name: 'vitest',
    file: `${dir}/vitest.json`,
    // A file that fails to load counts only among the suites; it is a failure all the same.
    read: (r) => ({
      passed: r.numPassedTests,
      failed: r.numFailedTests + r.numFailedTestSuites,
      skipped: r.numPendingTests + (r.numTodoTests ?? 0),
    }),
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
  },
];

const total: Counts = { passed: 0, failed: 0, skipped: 0 };
const missing: string[] = [];
for (const { name, file, read } of reports) {
  if (!existsSync(file)) {
    missing.push(name);
    continue;
  }
  const counts = read(JSON.parse(readFileSync(file, 'utf8')));
  total.passed += counts.passed;
  total.failed += counts.failed;
  total.skipped += counts.skipped;
}
if (missing.length > 0) console.log(`(no report from ${missing.join(', ')}: it did not run)`);
console.log(`${total.passed} passed, ${total.failed} failed, ${total.skipped} skipped`);

import { mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import {
  budgetResultsDir,
  budgetTable,
  calibrateCpuSlowdown,
  categories,
  minimumScores,
  runLighthouse,
  runLighthouseSteadily,
  saveCalibration,
  savedCalibration,
  scriptAllowanceBytes,
  withChrome,
  type Category,
  type PageBudgetRow,
} from '../../scripts/lighthouse.ts';
import { builtPages, type Locale } from './site.ts';

// Lighthouse's budgets on every built page in both languages (run after every other browser test, alone, so
// nothing else competes for the CPU while it measures; see playwright.config.ts). The CPU slowdown is
// calibrated to this machine first (scripts/cpu-slowdown.ts says why). Each page's figures are written to a file,
// and the last test prints them all as one table.
const rowsDir = `${budgetResultsDir}/pages`;
const baseURL = `http://127.0.0.1:${process.env.E2E_PORT ?? 4329}`;

let cpuSlowdown = 4;
const homeScriptBytes = new Map<Locale, number>();

test.beforeAll(async () => {
  test.setTimeout(180_000);
  mkdirSync(rowsDir, { recursive: true });
  // Once per run: a worker that restarts after a failure keeps the same slowdown.
  if (!savedCalibration()) saveCalibration(await withChrome((chrome) => calibrateCpuSlowdown(chrome, `${baseURL}/en/`)));
  cpuSlowdown = savedCalibration()!.cpuSlowdown;
});

function audit(path: string, only: readonly Category[]) {
  return withChrome((chrome) => runLighthouseSteadily(chrome, `${baseURL}${path}`, { only, cpuSlowdown }));
}

/** What a page may load before interaction: its locale home's JavaScript plus the allowance. */
async function scriptLimit(locale: Locale): Promise<number> {
  // Known from the home page's own test, unless this worker restarted after a failure: then one plain run.
  if (!homeScriptBytes.has(locale)) {
    const home = await withChrome((chrome) => runLighthouse(chrome, `${baseURL}/${locale}/`, { only: ['performance'], cpuSlowdown }));
    homeScriptBytes.set(locale, home.scriptBytes);
  }
  return homeScriptBytes.get(locale)! + scriptAllowanceBytes;
}

function expectWithinBudget(row: PageBudgetRow, judged: readonly Category[]): void {
  writeFileSync(join(rowsDir, `${row.path.replace(/\W+/g, '_')}.json`), JSON.stringify(row));
  const misses = judged.filter((category) => row.scores[category] < minimumScores[category]);
  expect(
    misses.map((category) => `${category} ${row.scores[category]} < ${minimumScores[category]}`),
    `shortfalls: ${row.shortfalls.join(', ')}`,
  ).toEqual([]);
  expect(row.scriptBytes, 'JavaScript before any interaction, bytes').toBeLessThanOrEqual(row.scriptLimit);
}

for (const { locale, path } of builtPages()) {
  test(`${path} meets the Lighthouse and JavaScript budgets`, async () => {
    const run = await audit(path, categories);
    // The home page is its own baseline (and needs no second run to learn it).
    if (path === `/${locale}/`) homeScriptBytes.set(locale, run.scriptBytes);
    expectWithinBudget({ path, ...run, scriptLimit: await scriptLimit(locale) }, categories);
  });
}

// The 404 page answers with status 404 and asks not to be indexed, which Lighthouse's SEO checks fail by
// design; everything else applies to it as to any page.
test('/404.html meets the Lighthouse and JavaScript budgets (SEO aside)', async () => {
  const judged = categories.filter((category) => category !== 'seo');
  const run = await audit('/404.html', judged);
  expectWithinBudget({ path: '/404.html', ...run, scriptLimit: await scriptLimit('en') }, judged);
});

test('prints the budget table', () => {
  const rows = readdirSync(rowsDir).map((file) => JSON.parse(readFileSync(join(rowsDir, file), 'utf8')) as PageBudgetRow);
  expect(rows.length).toBeGreaterThan(0);
  const { benchmarkIndex } = savedCalibration()!;
  console.log(
    `\nLighthouse (mobile; benchmarkIndex ${benchmarkIndex}, CPU slowdown ${cpuSlowdown}x) and JavaScript before interaction:\n` +
      `${budgetTable(rows)}\n`,
  );
});

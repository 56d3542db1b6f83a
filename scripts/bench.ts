// `npm run bench`: speed and weight figures for the closing notes. Tests assert behaviour; this measures.
//  - build time: median of several `astro build` runs
//  - every page's Lighthouse scores (mobile) and JavaScript before any interaction, as the budget table
//    tests/e2e/budgets.spec.ts gates
//  - what pressing Run downloads, with the local runner and with WebContainer (up to its boot, which needs
//    StackBlitz's servers), and what pressing Edit downloads
//  - Run to every server listening, with the local runner: median of several runs (goal: at most 1 s), and
//    the median time of each step the page announces on the way
// Set BENCH_RUNS, BENCH_SKIP_BUILD=1 (reuse dist/) as needed.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { chromium, type Browser, type Page } from '@playwright/test';
import { t } from '../src/i18n/ui.ts';
import { builtPages } from '../tests/e2e/site.ts';
import { chromiumExecutable, chromiumFlags } from './chromium.ts';
import { budgetTable, calibrateCpuSlowdown, runLighthouseSteadily, scriptAllowanceBytes, withChrome, type PageBudgetRow } from './lighthouse.ts';

const runs = Number(process.env.BENCH_RUNS ?? 5);
const sitePort = 4339;
const runnerPort = 4397;
const site = `http://127.0.0.1:${sitePort}`;
const token = randomBytes(32).toString('base64url');
const centrepiece = '/en/blocking-the-loop/';

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

const kib = (bytes: number) => `${(bytes / 1024).toFixed(1)} KiB`;

function timeBuild(): number {
  const started = performance.now();
  // The preview's own address, so canonical links match the page Lighthouse loads.
  const result = spawnSync('npx', ['astro', 'build'], { stdio: 'ignore', env: { ...process.env, SITE_URL: site } });
  if (result.status !== 0) throw new Error('astro build failed; run it by hand to see why');
  return performance.now() - started;
}

async function waitFor(url: string): Promise<void> {
  for (let i = 0; i < 150; i++) {
    try {
      await fetch(url);
      return;
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
  throw new Error(`nothing answered at ${url}`);
}

function start(command: string, args: string[], env: Record<string, string> = {}): ChildProcess {
  return spawn(command, args, { stdio: 'ignore', detached: true, env: { ...process.env, ...env } });
}

function stop(child: ChildProcess): void {
  try {
    if (child.pid) process.kill(-child.pid);
  } catch {
    // It already ended (a port it could not take, a crash): nothing left to stop.
  }
}

interface Transfer {
  raw: number;
  gzip: number;
  files: number;
}

/**
 * Records every response of the given kinds that has finished arriving from now on; `total()` sums them.
 * Finished only: the runner's output stream stays open for the whole run, and it is output, not code.
 */
function recordResponses(page: Page, kinds: ReadonlySet<string>): { total(): Promise<Transfer> } {
  const bodies: Promise<Buffer>[] = [];
  page.on('requestfinished', (request) => {
    if (!kinds.has(request.resourceType())) return;
    bodies.push(
      request.response().then(async (response) => {
        if (!response) throw new Error(`no response for ${request.url()}`);
        return response.body();
      }),
    );
  });
  return {
    async total() {
      const buffers = await Promise.all(bodies);
      return {
        raw: buffers.reduce((sum, b) => sum + b.length, 0),
        gzip: buffers.reduce((sum, b) => sum + gzipSync(b).length, 0),
        files: buffers.length,
      };
    },
  };
}

const withRunner = (path: string) =>
  `${site}${path}?runtime=local#runner=${encodeURIComponent(`http://127.0.0.1:${runnerPort}`)}&token=${token}`;

/** What pressing a playground's button downloads, up to `until`. */
async function bytesOn(action: 'run' | 'edit', browser: Browser, url: string, until: (page: Page) => Promise<void>): Promise<Transfer> {
  const page = await (await browser.newContext()).newPage();
  await page.goto(url, { waitUntil: 'networkidle' });
  const loaded = recordResponses(page, new Set(['script', 'fetch', 'xhr', 'document']));
  await page.locator(`event-loop-playground button[data-action="${action}"]`).first().click();
  await until(page);
  const total = await loaded.total();
  await page.context().close();
  return total;
}

/**
 * Where the time from pressing Run to the first request goes, by the steps the page announces. The app announces
 * "booting" as soon as its own code has arrived, before it fetches the playground's files; the centrepiece has no
 * script processes, so every server listens just before the firing step.
 */
const phases = ['app code', 'files and runtime', 'copying files', 'servers listening'] as const;
type Phase = (typeof phases)[number];
interface RunTiming {
  total: number;
  phases: Record<Phase, number>;
}

/** Milliseconds from pressing Run to the moment every server listens, and to each step on the way. */
async function runToListening(browser: Browser): Promise<RunTiming> {
  const page = await (await browser.newContext()).newPage();
  await page.goto(withRunner(centrepiece), { waitUntil: 'networkidle' });
  // Each step's status text, in the order a run announces them; "starting" is matched by its opening words.
  const steps = {
    booting: t('en', 'playground.step.booting'),
    mounting: t('en', 'playground.step.mounting'),
    starting: t('en', 'playground.step.starting').split('{')[0]!,
    firing: t('en', 'playground.step.firing'),
  };
  const seen = await page.evaluate(
    (texts) =>
      new Promise<Record<keyof typeof texts, number>>((resolve, reject) => {
        const element = document.querySelector<HTMLElement>('event-loop-playground')!;
        // A run that fails never announces the firing step: end the wait with the state it reached.
        setTimeout(() => reject(new Error(`no firing step within 60 s (state ${element.dataset.state})`)), 60_000);
        const status = element.querySelector('[data-status]')!;
        const started = performance.now();
        const at: Partial<Record<keyof typeof texts, number>> = {};
        new MutationObserver(() => {
          const text = status.textContent ?? '';
          for (const [step, words] of Object.entries(texts) as [keyof typeof texts, string][]) {
            if (at[step] === undefined && text.startsWith(words)) at[step] = performance.now() - started;
          }
          if (at.firing === undefined) return;
          // A step the page skipped would make its figures NaN: say which, rather than print them.
          const missing = Object.keys(texts).filter((step) => at[step as keyof typeof texts] === undefined);
          if (missing.length > 0) reject(new Error(`the run reached the firing step without announcing: ${missing.join(', ')}`));
          else resolve(at as Record<keyof typeof texts, number>);
        }).observe(status, { childList: true, characterData: true, subtree: true });
        element.querySelector<HTMLButtonElement>('button[data-action="run"]')!.click();
      }),
    steps,
  );
  await page.locator('event-loop-playground').first().and(page.locator('[data-state="done"]')).waitFor({ timeout: 60_000 });
  await page.context().close();
  return {
    total: seen.firing,
    phases: {
      'app code': seen.booting,
      'files and runtime': seen.mounting - seen.booting,
      'copying files': seen.starting - seen.mounting,
      'servers listening': seen.firing - seen.starting,
    },
  };
}

if (process.env.BENCH_SKIP_BUILD !== '1') {
  const buildTimes = Array.from({ length: Math.min(runs, 3) }, timeBuild);
  console.log(`build: median ${(median(buildTimes) / 1000).toFixed(2)} s (${buildTimes.map((ms) => (ms / 1000).toFixed(2)).join(', ')} s)`);
}

/** A fresh browser per measurement: nothing one leaves behind (a booting WebContainer, a cache) skews the next. */
async function measure<T>(work: (browser: Browser) => Promise<T>): Promise<T> {
  const browser = await chromium.launch({ executablePath: chromiumExecutable(), args: chromiumFlags });
  try {
    return await work(browser);
  } finally {
    await browser.close();
  }
}

const preview = start('npx', ['astro', 'preview', '--ignore-lock', '--host', '127.0.0.1', '--port', String(sitePort)]);
const runner = start(process.execPath, ['src/runner/cli.ts', '--port', String(runnerPort), '--origin', site], { ELL_RUNNER_TOKEN: token });
try {
  await waitFor(`${site}/en/`);
  await waitFor(`http://127.0.0.1:${runnerPort}/v1/hello`);

  const { benchmarkIndex, cpuSlowdown } = await withChrome((chrome) => calibrateCpuSlowdown(chrome, `${site}/en/`));
  console.log(`Lighthouse (mobile; benchmarkIndex ${benchmarkIndex}, CPU slowdown ${cpuSlowdown}x) and JavaScript before any interaction:`);
  const rows: PageBudgetRow[] = [];
  const homes = new Map<string, number>();
  for (const { locale, path } of builtPages()) {
    const run = await withChrome((chrome) => runLighthouseSteadily(chrome, `${site}${path}`, { cpuSlowdown }));
    if (path === `/${locale}/`) homes.set(locale, run.scriptBytes);
    rows.push({ path, ...run, scriptLimit: (homes.get(locale) ?? Number.NaN) + scriptAllowanceBytes });
  }
  console.log(budgetTable(rows));

  const done = (page: Page) => page.locator('event-loop-playground[data-state="done"]').first().waitFor({ timeout: 60_000 });
  const local = await measure((browser) => bytesOn('run', browser, withRunner(centrepiece), done));
  console.log(`on Run, local runner: ${kib(local.raw)} raw, ${kib(local.gzip)} gzip in ${local.files} responses (code and playground files)`);
  // Everything the page loads for a WebContainer boot is in once it asks StackBlitz for the runtime.
  const booting = async (page: Page) => {
    await page.waitForEvent('request', { predicate: (request) => request.url().includes('stackblitz.com'), timeout: 30_000 });
  };
  const wc = await measure((browser) => bytesOn('run', browser, `${site}${centrepiece}`, booting));
  console.log(`on Run, WebContainer up to its boot: ${kib(wc.raw)} raw, ${kib(wc.gzip)} gzip in ${wc.files} responses (StackBlitz's own runtime not reachable here)`);

  // The editor (CodeMirror) is loaded only when a reader asks to edit.
  const editorShown = (page: Page) => page.locator('event-loop-playground .cm-editor').first().waitFor({ timeout: 30_000 });
  const edit = await measure((browser) => bytesOn('edit', browser, `${site}${centrepiece}`, editorShown));
  console.log(`on Edit: ${kib(edit.raw)} raw, ${kib(edit.gzip)} gzip in ${edit.files} responses (the editor and the playground files)`);

  const timings: RunTiming[] = [];
  for (let i = 0; i < runs; i++) timings.push(await measure(runToListening));
  const totals = timings.map((timing) => timing.total);
  console.log(`Run to every port listening, local runner: median ${Math.round(median(totals))} ms over ${runs} runs (${totals.map((ms) => Math.round(ms)).join(', ')} ms)`);
  const parts = phases.map((phase) => `${phase} ${Math.round(median(timings.map((timing) => timing.phases[phase])))}`);
  console.log(`  median per step, ms: ${parts.join(', ')}`);
} finally {
  stop(preview);
  stop(runner);
}

// `npm run bench`: speed and weight figures for the closing notes. Tests assert behaviour; this measures.
//  - build time: median of several `astro build` runs
//  - JS loaded before any interaction, for pages with and without a playground (budget: a playground adds
//    at most 10 KB), raw and gzip-compressed (what a static host would send)
//  - what pressing Run downloads, with the local runner and with WebContainer (up to its boot, which needs
//    StackBlitz's servers)
//  - Run to every server listening, with the local runner: median of several runs (goal: at most 1 s)
// Set BENCH_RUNS, BENCH_SKIP_BUILD=1 (reuse dist/) as needed.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { chromium, type Browser, type Page } from '@playwright/test';
import { t } from '../src/i18n/ui.ts';

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
  const result = spawnSync('npx', ['astro', 'build'], { stdio: 'ignore' });
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

/** Records every response body of the given kinds from now on; `total()` sums what arrived. */
function recordResponses(page: Page, kinds: ReadonlySet<string>): { total(): Promise<Transfer> } {
  const bodies: Promise<Buffer>[] = [];
  page.on('response', (response) => {
    if (kinds.has(response.request().resourceType())) bodies.push(response.body().catch(() => Buffer.alloc(0)));
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

async function jsBeforeInteraction(browser: Browser, path: string): Promise<Transfer> {
  const page = await (await browser.newContext()).newPage();
  const scripts = recordResponses(page, new Set(['script']));
  await page.goto(`${site}${path}`, { waitUntil: 'networkidle' });
  const total = await scripts.total();
  await page.context().close();
  return total;
}

async function bytesOnRun(browser: Browser, url: string, until: (page: Page) => Promise<void>): Promise<Transfer> {
  const page = await (await browser.newContext()).newPage();
  await page.goto(url, { waitUntil: 'networkidle' });
  const loaded = recordResponses(page, new Set(['script', 'fetch', 'xhr', 'document']));
  await page.locator('event-loop-playground button[data-action="run"]').first().click();
  await until(page);
  const total = await loaded.total();
  await page.context().close();
  return total;
}

/** Milliseconds from pressing Run to the moment every server listens (the app then announces the firing step). */
async function runToListening(browser: Browser): Promise<number> {
  const page = await (await browser.newContext()).newPage();
  await page.goto(withRunner(centrepiece), { waitUntil: 'networkidle' });
  const firing = t('en', 'playground.step.firing');
  const elapsed = await page.evaluate(
    (firingText) =>
      new Promise<number>((resolve) => {
        const element = document.querySelector('event-loop-playground')!;
        const status = element.querySelector('[data-status]')!;
        const started = performance.now();
        new MutationObserver(() => {
          if (status.textContent === firingText) resolve(performance.now() - started);
        }).observe(status, { childList: true, characterData: true, subtree: true });
        element.querySelector<HTMLButtonElement>('button[data-action="run"]')!.click();
      }),
    firing,
  );
  await page.locator('event-loop-playground').first().and(page.locator('[data-state="done"]')).waitFor({ timeout: 60_000 });
  await page.context().close();
  return elapsed;
}

if (process.env.BENCH_SKIP_BUILD !== '1') {
  const buildTimes = Array.from({ length: Math.min(runs, 3) }, timeBuild);
  console.log(`build: median ${(median(buildTimes) / 1000).toFixed(2)} s (${buildTimes.map((ms) => (ms / 1000).toFixed(2)).join(', ')} s)`);
}

const executablePath = process.env.PLAYWRIGHT_CHROMIUM_EXECUTABLE ?? (existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined);

/** A fresh browser per measurement: nothing one leaves behind (a booting WebContainer, a cache) skews the next. */
async function measure<T>(work: (browser: Browser) => Promise<T>): Promise<T> {
  const browser = await chromium.launch({
    executablePath,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
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

  console.log('JS before any interaction (script responses until the network is idle):');
  const pairs = [
    ['/en/', '/en/blocking-the-loop/'],
    ['/ja/', '/ja/blocking-the-loop/'],
    ['/en/glossary/', '/en/why-async/'],
  ] as const;
  for (const [without, withPlayground] of pairs) {
    const a = await measure((browser) => jsBeforeInteraction(browser, without));
    const b = await measure((browser) => jsBeforeInteraction(browser, withPlayground));
    console.log(`  ${without.padEnd(24)} ${kib(a.raw).padStart(10)} raw ${kib(a.gzip).padStart(9)} gzip (${a.files} files)`);
    console.log(`  ${withPlayground.padEnd(24)} ${kib(b.raw).padStart(10)} raw ${kib(b.gzip).padStart(9)} gzip (${b.files} files): a playground adds ${kib(b.raw - a.raw)} raw, ${kib(b.gzip - a.gzip)} gzip`);
  }

  const done = (page: Page) => page.locator('event-loop-playground[data-state="done"]').first().waitFor({ timeout: 60_000 });
  const local = await measure((browser) => bytesOnRun(browser, withRunner(centrepiece), done));
  console.log(`on Run, local runner: ${kib(local.raw)} raw, ${kib(local.gzip)} gzip in ${local.files} responses (code and playground files)`);
  // Everything the page loads for a WebContainer boot is in once it asks StackBlitz for the runtime.
  const booting = async (page: Page) => {
    await page.waitForEvent('request', { predicate: (request) => request.url().includes('stackblitz.com'), timeout: 30_000 });
  };
  const wc = await measure((browser) => bytesOnRun(browser, `${site}${centrepiece}`, booting));
  console.log(`on Run, WebContainer up to its boot: ${kib(wc.raw)} raw, ${kib(wc.gzip)} gzip in ${wc.files} responses (StackBlitz's own runtime not reachable here)`);

  const timings: number[] = [];
  for (let i = 0; i < runs; i++) timings.push(await measure(runToListening));
  console.log(`Run to every port listening, local runner: median ${Math.round(median(timings))} ms over ${runs} runs (${timings.map((ms) => Math.round(ms)).join(', ')} ms)`);
} finally {
  stop(preview);
  stop(runner);
}

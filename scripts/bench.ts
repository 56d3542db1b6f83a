// `npm run bench`: speed and weight figures for the closing notes. Tests assert behaviour; this measures.
//  - build time: median of several `astro build` runs
//  - JS loaded before any interaction: every script response a page fetches until the network is idle,
//    raw and gzip-compressed (what a static host would send), for each language's pages
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { chromium } from '@playwright/test';

const runs = Number(process.env.BENCH_RUNS ?? 3);
const port = 4339;
const pages = (process.env.BENCH_PAGES ?? '/en/,/ja/').split(',');

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

function timeBuild(): number {
  const started = performance.now();
  const result = spawnSync('npx', ['astro', 'build'], { stdio: 'ignore' });
  if (result.status !== 0) throw new Error('astro build failed; run it by hand to see why');
  return performance.now() - started;
}

async function waitForServer(url: string): Promise<void> {
  for (let i = 0; i < 100; i++) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`preview server did not answer at ${url}`);
}

async function scriptBytes(url: string): Promise<{ raw: number; gzip: number; files: number }> {
  const executablePath = process.env.PLAYWRIGHT_CHROMIUM_EXECUTABLE ?? (existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined);
  const browser = await chromium.launch({
    executablePath,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  try {
    const page = await (await browser.newContext()).newPage();
    const bodies: Promise<Buffer>[] = [];
    page.on('response', (response) => {
      if (response.request().resourceType() === 'script') bodies.push(response.body());
    });
    await page.goto(url, { waitUntil: 'networkidle' });
    const buffers = await Promise.all(bodies);
    return {
      raw: buffers.reduce((sum, b) => sum + b.length, 0),
      gzip: buffers.reduce((sum, b) => sum + gzipSync(b).length, 0),
      files: buffers.length,
    };
  } finally {
    await browser.close();
  }
}

const buildTimes = Array.from({ length: runs }, timeBuild);
console.log(`build: median ${(median(buildTimes) / 1000).toFixed(2)} s over ${runs} runs (${buildTimes.map((t) => (t / 1000).toFixed(2)).join(', ')} s)`);

const preview = spawn('npx', ['astro', 'preview', '--host', '127.0.0.1', '--port', String(port)], { stdio: 'ignore', detached: true });
try {
  await waitForServer(`http://127.0.0.1:${port}/en/`);
  console.log('JS before any interaction (script responses until network idle):');
  for (const path of pages) {
    const { raw, gzip, files } = await scriptBytes(`http://127.0.0.1:${port}${path}`);
    console.log(`  ${path.padEnd(28)} ${String(files).padStart(2)} files  ${(raw / 1024).toFixed(1).padStart(7)} KiB raw  ${(gzip / 1024).toFixed(1).padStart(6)} KiB gzip`);
  }
} finally {
  if (preview.pid) process.kill(-preview.pid);
}

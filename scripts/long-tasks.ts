// `node scripts/long-tasks.ts <url> [slowdown]`: the main-thread tasks that would block a phone while a page loads,
// and what each spent its time on. For when a page misses the performance budget on total-blocking-time:
// Lighthouse says how much was blocked, this says by what (style, layout, HTML parsing, which script).
//
// It records a Chromium trace of an unthrottled load, as Lighthouse's simulated throttling does, and lists each
// task that would last over 50 ms at Lighthouse's CPU slowdown (as given; else the one the last budgets run
// calibrated for this machine; else 4x): those are what TBT counts.
import { readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from '@playwright/test';
import { chromiumExecutable, chromiumFlags } from './chromium.ts';
import { savedCalibration } from './lighthouse.ts';

interface TraceEvent {
  name: string;
  ph: string;
  ts: number;
  dur?: number;
  pid: number;
  tid: number;
  args?: { data?: { url?: string; functionName?: string; lineNumber?: number } };
}

const [url, slowdownArgument] = process.argv.slice(2);
if (!url) {
  console.error('usage: node scripts/long-tasks.ts <url> [cpu slowdown; default: the last calibration, else 4]');
  process.exit(2);
}
// The slowdown the last budgets run calibrated for this machine, if there was one; else Lighthouse's stock 4x.
const slowdown = Number(slowdownArgument ?? savedCalibration()?.cpuSlowdown ?? 4);
const threshold = 50 / slowdown;

const traceFile = join(tmpdir(), `long-tasks-${process.pid}.json`);
const browser = await chromium.launch({ executablePath: chromiumExecutable(), args: chromiumFlags });
try {
  // Lighthouse's mobile viewport.
  const page = await browser.newPage({ viewport: { width: 412, height: 823 }, deviceScaleFactor: 1.75, isMobile: true });
  await browser.startTracing(page, { path: traceFile, categories: ['toplevel', 'devtools.timeline', 'disabled-by-default-devtools.timeline', 'v8.execute'] });
  await page.goto(url, { waitUntil: 'load' });
  // Work scheduled for idle time (search, table of contents) runs after load.
  await page.waitForTimeout(3000);
  await browser.stopTracing();
} finally {
  await browser.close();
}
const events = (JSON.parse(readFileSync(traceFile, 'utf8')) as { traceEvents: TraceEvent[] }).traceEvents;
rmSync(traceFile);

// The renderer's main thread: the thread that spent the most time in tasks.
const busy = new Map<string, number>();
for (const event of events) {
  if (event.name === 'RunTask' && event.dur) busy.set(`${event.pid}:${event.tid}`, (busy.get(`${event.pid}:${event.tid}`) ?? 0) + event.dur);
}
const mainThread = [...busy].sort((a, b) => b[1] - a[1])[0]?.[0];
const onMain = events.filter((event) => `${event.pid}:${event.tid}` === mainThread && event.ph === 'X' && event.dur !== undefined);
const tasks = onMain.filter((event) => event.name === 'RunTask').sort((a, b) => a.ts - b.ts);
const start = tasks[0]?.ts ?? 0;

const label = (event: TraceEvent): string => {
  const data = event.args?.data;
  const file = data?.url ? data.url.split('/').pop() || data.url : '';
  if (event.name === 'FunctionCall') return `FunctionCall ${data?.functionName || '(anonymous)'} ${file}:${data?.lineNumber ?? '?'}`;
  return file ? `${event.name} ${file}` : event.name;
};

// Scheduler wrappers that span a whole task and say nothing about what it did.
const wrappers = new Set(['RunTask', 'ThreadControllerImpl::RunTask', 'Receive mojo message', 'Receive mojo reply']);
const ms = (microseconds: number) => (microseconds / 1000).toFixed(1);
console.log(`Tasks over ${threshold.toFixed(1)} ms (50 ms at ${slowdown}x), from the first task; their biggest parts (one part may contain another):`);
for (const task of tasks.filter((event) => event.dur! / 1000 > threshold)) {
  const parts = new Map<string, number>();
  for (const event of onMain) {
    if (wrappers.has(event.name) || event.ts < task.ts || event.ts + event.dur! > task.ts + task.dur!) continue;
    parts.set(label(event), (parts.get(label(event)) ?? 0) + event.dur!);
  }
  const biggest = [...parts].sort((a, b) => b[1] - a[1]).slice(0, 5);
  console.log(`  at ${ms(task.ts - start).padStart(7)} ms  ${ms(task.dur!).padStart(6)} ms  ${biggest.map(([name, time]) => `${name} ${ms(time)}`).join(' · ')}`);
}
console.log('Tracing slows the page a little; Lighthouse counts only the tasks after the first paint, and its own trace decides.');

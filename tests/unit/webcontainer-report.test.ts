// The opt-in WebContainer suite cannot run here (no network), so what it concludes from a run is checked on recorded
// events instead: the reference runs, dressed as WebContainer would report them (Node and WebContainer versions in
// the ready events, the mechanism events), and mutated into runs that must be judged failures.
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { t } from '../../src/i18n/ui.ts';
import type { RequestEvent, TraceEvent } from '../../src/playground/events.ts';
import { loadPlayground, loadReference } from '../../src/playground/load-playground.ts';
import { liveCaption, referenceCaption, type MechanismChoice } from '../../src/playground/provenance.ts';
import { timelineProcesses } from '../../src/playground/timeline.ts';
import {
  judgeRun,
  missingFromCaption,
  recordRun,
  REPORT_FILE,
  runProblems,
  type ObservedRun,
  type ReportMeta,
  type SuiteReport,
} from '../e2e/webcontainer-report.ts';

const NODE = 'v22.22.0';
const WEBCONTAINER = '1.6.4';

async function recorded(id: string) {
  const reference = await loadReference(id);
  if (!reference) throw new Error(`${id} has no reference run`);
  const { manifest } = await loadPlayground(id);
  return { reference, manifest };
}

/** A recorded run as WebContainer reports one: its versions in every ready event, and a mechanism event per process. */
function asInWebContainer(events: readonly TraceEvent[], mechanisms: Record<string, MechanismChoice>, feature = 'sync-request'): TraceEvent[] {
  return events.flatMap((event) => {
    // The recording's own choices are real Node's; WebContainer's replace them.
    if (event.type === 'mechanism') return [];
    if (event.type !== 'ready') return [event];
    const ready = { ...event, node: NODE, webcontainer: WEBCONTAINER } as TraceEvent;
    const chosen = mechanisms[event.proc];
    if (!chosen) return [ready];
    return [{ v: 1, t: event.t - 1, proc: event.proc, type: 'mechanism', feature, chosen } as unknown as TraceEvent, ready];
  });
}

const steps = (locale: 'en' | 'ja') => [
  { atMs: 3, state: 'booting', status: t(locale, 'playground.step.booting') },
  { atMs: 4210, state: 'running', status: t(locale, 'playground.step.mounting') },
  { atMs: 5020, state: 'running', status: t(locale, 'playground.step.firing') },
  { atMs: 7400, state: 'done', status: t(locale, 'playground.done') },
];

async function observedCentrepiece(locale: 'en' | 'ja' = 'en'): Promise<ObservedRun> {
  const { reference, manifest } = await recorded('blocking-the-loop');
  const events = asInWebContainer(reference.events, { blocking: 'shared-buffer', offloaded: 'shared-buffer' });
  const processes = timelineProcesses(manifest.processes, locale);
  return {
    locale,
    page: `/${locale}/blocking-the-loop/`,
    playground: 'blocking-the-loop',
    expectedToRun: true,
    outcome: 'done',
    runtime: 'webcontainer',
    events,
    processes,
    cpus: reference.cpus.count,
    // What the page shows after such a run (src/client/live-timeline.ts writes the same).
    caption: liveCaption({ runtime: 'webcontainer', outcome: 'done', date: '12/8/2026, 2:03:00 PM', events }, processes, locale),
    steps: steps(locale),
  };
}

/** The blocking server answering /health at once, as if its call did not block: the claim must then fail. */
function withoutBlocking(events: readonly TraceEvent[]): TraceEvent[] {
  return events.map((event) =>
    event.type === 'request' && event.target === 'blocking' && event.path === '/health'
      ? ({ ...event, firstByte: event.start + 1, end: event.start + 2 } satisfies RequestEvent)
      : event,
  );
}

describe('judging a run of the centrepiece in WebContainer', () => {
  it('reports what ran it, and the claim held, with no problem to fix (both languages)', async () => {
    for (const locale of ['en', 'ja'] as const) {
      const report = judgeRun(await observedCentrepiece(locale));
      expect(report).toMatchObject({
        verdict: 'held',
        runtime: 'webcontainer',
        node: NODE,
        webcontainer: WEBCONTAINER,
        mechanisms: [
          { process: 'blocking', feature: 'sync-request', chosen: 'shared-buffer' },
          { process: 'offloaded', feature: 'sync-request', chosen: 'shared-buffer' },
        ],
        timings: { bootMs: 4210, firingMs: 5020, totalMs: 7400 },
        status: t(locale, 'playground.done'),
      });
      expect(report.claim.holds).toBe(true);
      expect(report.claim.checks.length).toBeGreaterThan(3);
      expect(report.caption.missing).toEqual([]);
      expect(runProblems(report)).toEqual([]);
    }
  });

  it('fails a run in which the blocking server did not block, naming the failed checks', async () => {
    const run = await observedCentrepiece();
    const report = judgeRun({ ...run, events: withoutBlocking(run.events) });
    expect(report.verdict).toBe('claim-failed');
    const problems = runProblems(report);
    expect(problems.length).toBeGreaterThan(0);
    expect(problems.join('\n')).toContain('claim failed: median /health latency: blocking / async fetch is at least 10');
  });

  it('fails a run that did not finish, with the page\'s own words', async () => {
    const run = await observedCentrepiece();
    const status = t('en', 'playground.error.boot-timeout');
    const report = judgeRun({ ...run, outcome: 'failed', steps: [...run.steps.slice(0, 1), { atMs: 30000, state: 'error', status }] });
    expect(report.verdict).toBe('did-not-finish');
    expect(report.timings).toEqual({ bootMs: null, firingMs: null, totalMs: 30000 });
    expect(runProblems(report)).toEqual([`/en/blocking-the-loop/ blocking-the-loop: the run ended failed: ${status}`]);
    // A boot that failed drew nothing, so the page put the reference run back, caption included: that is no problem.
    const { reference } = await recorded('blocking-the-loop');
    const restored = { ...run, outcome: 'failed' as const, events: [], caption: referenceCaption(reference, run.processes, 'en') };
    expect(runProblems(judgeRun(restored))).toHaveLength(1);
    // One that drew something must say so: the runtime and the mechanism sentence are missing then.
    expect(runProblems(judgeRun({ ...restored, events: run.events }))).toHaveLength(3);
  });

  it('fails a run that used another runtime', async () => {
    const run = await observedCentrepiece();
    expect(runProblems(judgeRun({ ...run, runtime: 'local' })).join('\n')).toContain('ran in local, not WebContainer');
  });

  it('fails a run whose claim held but whose end tore the in-browser Node down (a process would not stop)', async () => {
    const run = await observedCentrepiece('ja');
    const last = run.steps.at(-1)!;
    const restarted = { ...last, status: `${last.status} ${t('ja', 'playground.restarted')}` };
    const report = judgeRun({ ...run, steps: [...run.steps.slice(0, -1), restarted] });
    expect(report.verdict).toBe('held');
    expect(runProblems(report).join('\n')).toContain(t('ja', 'playground.restarted'));
  });
});

describe("checking the run's caption", () => {
  it('finds the runtime missing from a caption that still shows the reference run', async () => {
    const run = await observedCentrepiece('ja');
    const { reference } = await recorded('blocking-the-loop');
    const stale = referenceCaption(reference, run.processes, 'ja');
    expect(missingFromCaption({ ...run, caption: stale })).toEqual([
      `ブラウザー内の WebContainer、Node ${NODE}`,
      expect.stringContaining('SharedArrayBuffer だけで受け渡しました'),
    ]);
  });

  it('finds a mechanism missing, and the wrong Node', async () => {
    const run = await observedCentrepiece();
    const sentence = 'The synchronous call in (a) Blocking call and (b) Worker thread: Atomics.wait, then the answer through a SharedArrayBuffer alone (no receiveMessageOnPort).';
    expect(run.caption).toContain(sentence);
    expect(missingFromCaption({ ...run, caption: run.caption.replace(sentence, '') })).toEqual([sentence]);
    expect(missingFromCaption({ ...run, caption: run.caption.replace(NODE, 'v20.19.1') })).toEqual([`in your browser (WebContainer, Node ${NODE})`]);
    expect(runProblems(judgeRun({ ...run, caption: '' })).length).toBe(2);
  });

  it("names cluster-workers' blocking sleep", async () => {
    const { reference, manifest } = await recorded('cluster-workers');
    const events = asInWebContainer(reference.events, { blocking: 'busy-wait' }, 'sync-sleep');
    const processes = timelineProcesses(manifest.processes, 'en');
    const caption = liveCaption({ runtime: 'webcontainer', outcome: 'done', date: 'today', events }, processes, 'en');
    expect(caption).toContain('The blocking sleep in Blocking handlers: a loop spinning until the time is up (no Atomics.wait).');
    const run: ObservedRun = { ...(await observedCentrepiece()), playground: 'cluster-workers', page: '/en/production/', events, processes, caption };
    const report = judgeRun(run);
    expect(report).toMatchObject({ verdict: 'held', mechanisms: [{ process: 'blocking', feature: 'sync-sleep', chosen: 'busy-wait' }] });
    expect(missingFromCaption({ ...run, caption: caption.replace('no Atomics.wait', 'Atomics.wait') })).toHaveLength(1);
  });
});

describe('a playground WebContainer is not expected to run', () => {
  it('is reported, never counted against the release, whatever happened', async () => {
    const { reference, manifest } = await recorded('threadpool-limit');
    const processes = timelineProcesses(manifest.processes, 'en');
    const base: ObservedRun = {
      ...(await observedCentrepiece()),
      page: '/en/pools-and-limits/',
      playground: 'threadpool-limit',
      expectedToRun: manifest.webcontainer?.runs !== false,
      processes,
    };
    expect(base.expectedToRun).toBe(false);
    const failed = judgeRun({ ...base, outcome: 'failed', events: [] });
    expect(failed.verdict).toBe('not-expected-to-run');
    expect(failed.claim.holds).toBe(false);
    expect(runProblems(failed)).toEqual([]);
    // Had it run and held, the report would show it: the manifest's `runs: false` may then be out of date.
    const held = judgeRun({ ...base, events: reference.events });
    expect(held).toMatchObject({ verdict: 'not-expected-to-run', claim: { holds: true } });
  });
});

describe('the claim checks count the browser\'s cores', () => {
  it('checks parallelism only with two cores or more', async () => {
    const { reference, manifest } = await recorded('cpu-bound');
    const run: ObservedRun = {
      ...(await observedCentrepiece()),
      page: '/en/cpu-bound/',
      playground: 'cpu-bound',
      events: reference.events,
      processes: timelineProcesses(manifest.processes, 'en'),
    };
    const one = judgeRun({ ...run, cpus: 1 }).claim;
    const two = judgeRun({ ...run, cpus: 2 }).claim;
    expect(one.cpus).toBe(1);
    expect(two.checks.length).toBeGreaterThan(one.checks.length);
  });
});

describe('the report file', () => {
  const dirs: string[] = [];
  afterEach(() => dirs.splice(0).forEach((dir) => rmSync(dir, { recursive: true, force: true })));
  const meta: ReportMeta = { baseUrl: 'http://127.0.0.1:4329', userAgent: 'Chromium', cpus: 2, crossOriginIsolated: true, commit: null };

  it('is rewritten with every run, each run once, and counts the verdicts', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'wc-report-'));
    dirs.push(dir);
    const held = judgeRun(await observedCentrepiece('en'));
    const run = await observedCentrepiece('ja');
    const failed = judgeRun({ ...run, events: withoutBlocking(run.events) });
    recordRun(dir, held, meta, new Date('2026-12-08T00:00:00Z'));
    // The same run judged again (a retry) replaces the first, rather than counting twice.
    recordRun(dir, held, meta);
    const file = recordRun(dir, failed, meta, new Date('2026-12-08T00:01:00Z'));
    expect(file).toBe(join(dir, REPORT_FILE));
    const report = JSON.parse(readFileSync(file, 'utf8')) as SuiteReport;
    expect(report).toMatchObject({ schema: 1, writtenAt: '2026-12-08T00:01:00.000Z', ...meta });
    expect(report.summary).toEqual({ runs: 2, held: 1, 'claim-failed': 1, 'did-not-finish': 0, 'not-expected-to-run': 0, withProblems: 1 });
    expect(report.runs.map((entry) => [entry.locale, entry.verdict, entry.node])).toEqual([
      ['en', 'held', NODE],
      ['ja', 'claim-failed', NODE],
    ]);
    expect(readdirSync(dir).filter((name) => name.endsWith('.tmp'))).toEqual([]);
  });
});

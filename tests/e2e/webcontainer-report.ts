// The opt-in WebContainer suite's verdicts and its JSON report (tests/e2e/webcontainer.spec.ts): one run of one
// playground as the browser showed it -> what ran it (Node, WebContainer, the mechanisms chosen), whether its claim
// held (`checkClaim`, the same checks the playground tests apply in real Node), whether its caption said all that in
// the page's language, and how long it took. Pure apart from the two functions at the end that write files, so
// tests/unit/webcontainer-report.test.ts checks the judging on recorded events without a browser or a network.
import { mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { t, type Locale } from '../../src/i18n/ui.ts';
import { checkClaim, type ClaimResult } from '../../src/playground/claims.ts';
import type { TraceEvent } from '../../src/playground/events.ts';
import {
  mechanismSentences,
  provenanceOf,
  runtimeText,
  type MechanismChoice,
  type MechanismFeature,
  type NamedProcess,
} from '../../src/playground/provenance.ts';
import type { RuntimeKind } from '../../src/playground/runtime/types.ts';

export const REPORT_SCHEMA_VERSION = 1;

/** A change the suite saw on the playground element, timed from the click on Run (`performance.now()` ms). */
export interface ObservedStep {
  atMs: number;
  /** The element's `data-state`. */
  state: string;
  /** The polite status region's text, in the page's language. */
  status: string;
}

/** `timed-out`: the suite gave up waiting and pressed Stop. */
export type RunOutcome = 'done' | 'stopped' | 'failed' | 'timed-out';

/** One run of one playground, as the suite saw it in the browser. */
export interface ObservedRun {
  locale: Locale;
  /** The page's path, e.g. `/en/blocking-the-loop/`. */
  page: string;
  playground: string;
  /** False when the manifest says WebContainer cannot show this playground's point (`webcontainer.runs: false`). */
  expectedToRun: boolean;
  outcome: RunOutcome;
  /** The runtime the page says it used (`playground-run-end`); null when the run ended before choosing one. */
  runtime: RuntimeKind | null;
  events: TraceEvent[];
  /** The manifest's processes with their labels in the page's language. */
  processes: NamedProcess[];
  /** `navigator.hardwareConcurrency`: the cores the claim checks may count on. */
  cpus: number;
  caption: string;
  steps: ObservedStep[];
}

export type Verdict = 'held' | 'claim-failed' | 'did-not-finish' | 'not-expected-to-run';

export interface RunTimings {
  /** From Run until the runtime was up and the files were being copied: the boot (near 0 once booted on the page). */
  bootMs: number | null;
  /** From Run until the load client started firing: every server listening. Null for script-only playgrounds. */
  firingMs: number | null;
  /** From Run until the run had ended, however it ended. */
  totalMs: number | null;
}

export interface RunReport {
  locale: Locale;
  page: string;
  playground: string;
  verdict: Verdict;
  outcome: RunOutcome;
  runtime: RuntimeKind | null;
  /** As the run's own ready events report it (`process.version`), null when none did. */
  node: string | null;
  /** `process.versions.webcontainer`, null when no ready event carried it. */
  webcontainer: string | null;
  mechanisms: Array<{ process: string; feature: MechanismFeature; chosen: MechanismChoice; detail?: string }>;
  /** What the playground reported missing and carried on without. */
  unsupported: Array<{ process: string; feature: string; detail: string }>;
  claim: ClaimResult & { cpus: number };
  /** The figure's caption after the run, and the parts of it that were expected but missing. */
  caption: { text: string; missing: string[] };
  timings: RunTimings;
  /** The page's last announcement. */
  status: string;
  events: number;
}

function timings(steps: readonly ObservedStep[], locale: Locale): RunTimings {
  const first = (test: (step: ObservedStep) => boolean) => steps.find(test)?.atMs ?? null;
  const firing = t(locale, 'playground.step.firing');
  return {
    // The element turns from booting to running at the first step after the boot (copying the files).
    bootMs: first((step) => step.state === 'running'),
    firingMs: first((step) => step.status === firing),
    totalMs: first((step) => step.state === 'done' || step.state === 'error' || step.state === 'idle'),
  };
}

/**
 * What the caption should say and does not: the runtime with its Node (as the run reported it), and one sentence per
 * way a synchronous call was made. A caption that still shows the reference run misses the runtime, unless the run
 * drew nothing: then the page puts the reference run back on purpose, caption included.
 */
export function missingFromCaption(run: Pick<ObservedRun, 'caption' | 'runtime' | 'events' | 'processes' | 'locale'>): string[] {
  if (run.runtime === null || run.events.length === 0) return [];
  const provenance = provenanceOf(run.events);
  const expected = [
    runtimeText(run.runtime, provenance.node, run.locale),
    ...mechanismSentences(provenance.mechanisms, run.processes, run.locale),
  ];
  return expected.filter((part) => !run.caption.includes(part));
}

/** Judges one observed run. */
export function judgeRun(run: ObservedRun): RunReport {
  const provenance = provenanceOf(run.events);
  const claim = checkClaim(run.playground, run.events, { cpus: run.cpus });
  const verdict: Verdict = !run.expectedToRun
    ? 'not-expected-to-run'
    : run.outcome !== 'done'
      ? 'did-not-finish'
      : claim.holds
        ? 'held'
        : 'claim-failed';
  return {
    locale: run.locale,
    page: run.page,
    playground: run.playground,
    verdict,
    outcome: run.outcome,
    runtime: run.runtime,
    node: provenance.node ?? null,
    webcontainer: provenance.webcontainer ?? null,
    mechanisms: provenance.mechanisms.map(({ proc, ...use }) => ({ process: proc, ...use })),
    unsupported: run.events.flatMap((event) =>
      event.type === 'unsupported' ? [{ process: event.proc, feature: event.feature, detail: event.detail }] : [],
    ),
    claim: { ...claim, cpus: run.cpus },
    caption: { text: run.caption, missing: missingFromCaption(run) },
    timings: timings(run.steps, run.locale),
    status: run.steps.at(-1)?.status ?? '',
    events: run.events.length,
  };
}

/** What is wrong with a run, in words for the test's failure message; empty when it is as a release needs it. */
export function runProblems(report: RunReport): string[] {
  const where = `${report.page} ${report.playground}`;
  if (report.verdict === 'not-expected-to-run') return [];
  const problems: string[] = [];
  if (report.runtime !== 'webcontainer') problems.push(`${where}: ran in ${report.runtime ?? 'no runtime'}, not WebContainer`);
  if (report.verdict === 'did-not-finish') problems.push(`${where}: the run ended ${report.outcome}: ${report.status}`);
  if (report.verdict === 'claim-failed') {
    for (const check of report.claim.checks.filter((check) => !check.pass)) {
      problems.push(`${where}: claim failed: ${check.expectation}; measured ${check.measured}`);
    }
  }
  for (const part of report.caption.missing) problems.push(`${where}: the caption lacks "${part}"`);
  // A process that would not stop got the in-browser Node torn down: the run may have held, but the next one pays.
  if (report.status.includes(t(report.locale, 'playground.restarted'))) problems.push(`${where}: ${report.status}`);
  return problems;
}

export interface ReportMeta {
  baseUrl: string;
  userAgent: string;
  cpus: number;
  crossOriginIsolated: boolean;
  /** `git rev-parse HEAD` of the checkout that ran the suite, when there is one. */
  commit: string | null;
}

export interface SuiteReport extends ReportMeta {
  schema: typeof REPORT_SCHEMA_VERSION;
  writtenAt: string;
  summary: Record<Verdict, number> & { runs: number; withProblems: number };
  runs: RunReport[];
}

export function buildReport(runs: readonly RunReport[], meta: ReportMeta, writtenAt: Date): SuiteReport {
  const count = (verdict: Verdict) => runs.filter((run) => run.verdict === verdict).length;
  const sorted = [...runs].sort((a, b) => a.locale.localeCompare(b.locale) || a.page.localeCompare(b.page) || a.playground.localeCompare(b.playground));
  return {
    schema: REPORT_SCHEMA_VERSION,
    ...meta,
    writtenAt: writtenAt.toISOString(),
    summary: {
      runs: runs.length,
      held: count('held'),
      'claim-failed': count('claim-failed'),
      'did-not-finish': count('did-not-finish'),
      'not-expected-to-run': count('not-expected-to-run'),
      withProblems: runs.filter((run) => runProblems(run).length > 0).length,
    },
    runs: sorted,
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Files. Each run is written on its own as soon as it is judged, and the report is rebuilt from all of them: a
// test that fails (Playwright then starts a new worker) or a suite cut short still leaves every finished run in it.

/** Where the suite writes: `report.json`, and each run on its own under `runs/`. Cleared when a test run starts. */
export const WEBCONTAINER_REPORT_DIR = '.cache/test-results/webcontainer';
const RUNS = 'runs';
export const REPORT_FILE = 'report.json';

function writeJson(file: string, value: unknown): void {
  // Written beside and renamed, so a reader never sees half a file.
  writeFileSync(`${file}.tmp`, `${JSON.stringify(value, null, 2)}\n`);
  renameSync(`${file}.tmp`, file);
}

/** Stores one judged run and rewrites `<dir>/report.json` from every run stored so far; returns the report's path. */
export function recordRun(dir: string, report: RunReport, meta: ReportMeta, now = new Date()): string {
  const runsDir = join(dir, RUNS);
  mkdirSync(runsDir, { recursive: true });
  writeJson(join(runsDir, `${report.locale}-${report.playground}.json`), report);
  const runs = readdirSync(runsDir)
    .filter((name) => name.endsWith('.json'))
    .map((name) => JSON.parse(readFileSync(join(runsDir, name), 'utf8')) as RunReport);
  const file = join(dir, REPORT_FILE);
  writeJson(file, buildReport(runs, meta, now));
  return file;
}

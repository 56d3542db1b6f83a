// Runs a playground for real and judges its claim, for the per-playground tests.
import { availableParallelism } from 'node:os';
import { expect } from 'vitest';
import { checkClaim, type ClaimCheck, type ClaimResult } from '../../src/playground/claims.ts';
import type { RequestEvent, UnsupportedEvent } from '../../src/playground/events.ts';
import { loadPlayground } from '../../src/playground/load-playground.ts';
import { runInNode, type NodeRunOptions as RunOptions, type PlaygroundRun } from '../../src/playground/runtime/node.ts';

/** One way to run a playground: what the tests prove, and what the reader's browser runs, short of a real boot. */
export interface Variant {
  name: string;
  options: RunOptions;
}

/** Every claim test runs each playground these three ways. */
export const VARIANTS: readonly Variant[] = [
  { name: 'TypeScript in Node', options: {} },
  // Names under 40 characters: vitest cuts longer ones short in test titles, and these two would read the same.
  { name: 'JavaScript, webcontainer profile', options: { javascript: true, profile: 'webcontainer' } },
  { name: 'JavaScript, webcontainer-strict profile', options: { javascript: true, profile: 'webcontainer-strict' } },
];

const unsupported = (run: PlaygroundRun) => run.events.filter((e): e is UnsupportedEvent => e.type === 'unsupported');

/** The checks every run must pass whatever it shows: clean exits, nothing written, no stray output. */
function expectCleanRun(run: PlaygroundRun): void {
  for (const [proc, exit] of Object.entries(run.exits)) {
    expect({ proc, ...exit }).toEqual({ proc, code: 0, signal: null });
  }
  expect(run.written).toEqual([]);
  // Stray output (a warning, a stack trace) means something went wrong even if the claim held.
  expect(run.text).toEqual([]);
  // Nor may the runtime have had to step in (a time limit, a process that would not stop).
  expect(run.notices).toEqual([]);
}

/** Runs playground `id` (as `options` say), judges its claim and prints what each check measured; asserts nothing. */
export async function runClaim(id: string, options: RunOptions = {}): Promise<{ run: PlaygroundRun; result: ClaimResult }> {
  const run = await runInNode(await loadPlayground(id), options);
  const result = checkClaim(id, run.events, { cpus: availableParallelism() });
  const how = options.profile ? ` [${options.profile}${options.javascript ? ', JavaScript' : ''}]` : '';
  for (const check of result.checks) {
    console.log(`${id}${how}: ${check.pass ? 'ok  ' : 'FAIL'} ${check.expectation}: ${check.measured}`);
  }
  return { run, result };
}

/**
 * Fails on any of `checks` that failed, any request not answered 2xx, or an unclean exit. In plain Node nothing
 * may be reported unsupported; under a profile only loop-delay sampling may be (the profile takes
 * `monitorEventLoopDelay` away).
 */
export function expectClaim(run: PlaygroundRun, checks: readonly ClaimCheck[], options: RunOptions = {}): void {
  expect(checks.filter((check) => !check.pass)).toEqual([]);
  const failed = run.events.filter(
    (e): e is RequestEvent => e.type === 'request' && (e.status === null || e.status < 200 || e.status > 299),
  );
  expect(failed.map((e) => `${e.target} ${e.path}: ${e.error ?? e.status}`)).toEqual([]);
  const missing = unsupported(run).filter((e) => !(options.profile && /monitorEventLoopDelay/.test(e.feature)));
  expect(missing).toEqual([]);
  expectCleanRun(run);
}

/** Runs playground `id` and fails on anything `expectClaim` fails on, every check of its claim included. */
export async function proveClaim(id: string, options: RunOptions = {}): Promise<{ run: PlaygroundRun; result: ClaimResult }> {
  const { run, result } = await runClaim(id, options);
  expectClaim(run, result.checks, options);
  return { run, result };
}

/**
 * For a playground whose point the runtime cannot show (`webcontainer.runs: false`): under `options` every one of
 * its processes must say so with an `unsupported` event about `feature` and end cleanly, not crash or hang.
 */
export async function proveUnsupported(id: string, options: RunOptions, feature: RegExp): Promise<PlaygroundRun> {
  const playground = await loadPlayground(id);
  const run = await runInNode(playground, options);
  const reported = new Set(unsupported(run).filter((e) => feature.test(e.feature)).map((e) => e.proc));
  expect([...reported].sort()).toEqual(playground.manifest.processes.map((spec) => spec.id).sort());
  expectCleanRun(run);
  return run;
}

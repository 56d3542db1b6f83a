// Runs a playground for real and judges its claim, for the per-playground tests.
import { availableParallelism } from 'node:os';
import { expect } from 'vitest';
import { checkClaim, type ClaimResult } from '../../src/playground/claims.ts';
import { loadPlayground } from '../../src/playground/load-playground.ts';
import { runInNode, type PlaygroundRun } from '../../src/playground/runtime/node.ts';

/** Runs playground `id`, prints what each check measured, and fails on any failed check or unclean exit. */
export async function proveClaim(id: string): Promise<{ run: PlaygroundRun; result: ClaimResult }> {
  const run = await runInNode(await loadPlayground(id));
  const result = checkClaim(id, run.events, { cpus: availableParallelism() });
  for (const check of result.checks) {
    console.log(`${id}: ${check.pass ? 'ok  ' : 'FAIL'} ${check.expectation}: ${check.measured}`);
  }
  expect(result.checks.filter((check) => !check.pass)).toEqual([]);
  for (const [proc, exit] of Object.entries(run.exits)) {
    expect({ proc, ...exit }).toEqual({ proc, code: 0, signal: null });
  }
  expect(run.written).toEqual([]);
  // Stray output (a warning, a stack trace) means something went wrong even if the claim held.
  expect(run.text).toEqual([]);
  expect(run.notices).toEqual([]);
  return { run, result };
}

// The threadpool-limit claim's batch-total check, fed the committed reference and a counterexample made from it:
// the same run with the four-thread process slowed to twice its length (what a neighbour's load can do), which
// makes eight threads look twice as fast on two cores and so contradicts the pools page.
import { expect, it } from 'vitest';
import { checkClaim } from '../../src/playground/claims.ts';
import type { TraceEvent } from '../../src/playground/events.ts';
import { loadReference } from '../../src/playground/load-playground.ts';

const reference = (await loadReference('threadpool-limit'))!;

/** The reference run with every pool-4 span stretched to `factor` times its length. */
function slowFourThreads(factor: number): TraceEvent[] {
  return reference.events.map((event) =>
    event.type === 'span' && event.proc === 'pool-4' ? { ...event, end: event.start + (event.end - event.start) * factor } : event,
  );
}

const batchCheck = (events: TraceEvent[], cpus: number) =>
  checkClaim('threadpool-limit', events, { cpus }).checks.find((check) => check.expectation.includes('batch'));

it('passes the committed reference on its own two cores', () => {
  expect(batchCheck(reference.events, reference.cpus.count)?.pass).toBe(true);
});

it('fails a two-core run where eight threads end the batch twice as soon as four', () => {
  const check = batchCheck(slowFourThreads(2), 2);
  expect(check?.pass).toBe(false);
  expect(check?.measured).toMatch(/^0\.\d+ \(\d+ ms vs \d+ ms\)$/);
});

it('does not judge the totals with more than four cores, where eight threads may well be faster', () => {
  expect(batchCheck(slowFourThreads(2), 8)).toBeUndefined();
  expect(checkClaim('threadpool-limit', slowFourThreads(2), { cpus: 8 }).holds).toBe(true);
});

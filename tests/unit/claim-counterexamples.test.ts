// Every claim checker fed counterexamples: each playground's committed reference run, changed the way a broken
// playground (or a false claim) would change it, must fail, and fail on the check that is about that change.
// Without these, a checker that passes everything would pass the references and the live runs alike.
import { describe, expect, it } from 'vitest';
import { CHECKED_PLAYGROUNDS, checkClaim } from '../../src/playground/claims.ts';
import type { LogEvent, RequestEvent, SpanEvent, TraceEvent } from '../../src/playground/events.ts';
import { listPlaygroundIds, loadReference } from '../../src/playground/load-playground.ts';

interface Counterexample {
  /** What the changed run shows: the broken behaviour it stands for. */
  name: string;
  /** Changes a copy of the reference's events in place. */
  mutate: (events: TraceEvent[]) => void;
  /** The checks that must fail (each matches one failed expectation, in the checker's order); the rest must pass. */
  fails: RegExp[];
}

const isRequest = (target: string, path: string) => (e: TraceEvent): e is RequestEvent =>
  e.type === 'request' && e.target === target && e.path === path;
const isSpan = (proc: string, name: string | RegExp) => (e: TraceEvent): e is SpanEvent =>
  e.type === 'span' && e.proc === proc && (typeof name === 'string' ? e.name === name : name.test(e.name));
const isLog = (proc: string) => (e: TraceEvent): e is LogEvent => e.type === 'log' && e.proc === proc;
const only = <T extends TraceEvent>(events: TraceEvent[], test: (e: TraceEvent) => e is T): T => {
  const found = events.filter(test);
  if (found.length !== 1) throw new Error(`the reference changed: expected one match, found ${found.length}`);
  return found[0]!;
};
const latency = (r: RequestEvent) => r.end - r.start;
/** Answers a request `ms` after it was sent. */
const answerAfter = (r: RequestEvent, ms: number) => Object.assign(r, { firstByte: r.start + ms * 0.9, end: r.start + ms });
/** Swaps the `text` of two log events of `proc` (by their index among that process's lines). */
const swapLogs = (events: TraceEvent[], proc: string, a: number, b: number) => {
  const lines = events.filter(isLog(proc));
  [lines[a]!.text, lines[b]!.text] = [lines[b]!.text, lines[a]!.text];
};

const COUNTEREXAMPLES: Record<string, Counterexample[]> = {
  'sequential-vs-concurrent': [
    {
      name: 'Promise.all that awaits its calls one after the other: together takes as long as the sum',
      mutate(events) {
        const together = only(events, isSpan('main', 'together (Promise.all)'));
        const sequential = only(events, isSpan('main', 'one after the other'));
        together.end = together.start + (sequential.end - sequential.start);
      },
      fails: [/^together takes about the longest call/, /^one after the other is clearly slower/],
    },
  ],
  'eager-promises': [
    {
      name: 'a promise callback printed before a nextTick callback (lines 4 and 5 swapped)',
      mutate: (events) => swapLogs(events, 'main', 3, 4),
      fails: [/^the lines print in the order of their numbers/],
    },
  ],
  'blocking-the-loop': [
    {
      name: "the blocking server's /health answers at once, as if the slow call did not block",
      mutate(events) {
        for (const r of events.filter(isRequest('blocking', '/health'))) answerAfter(r, 3);
      },
      fails: [/blocking \/ async fetch/, /blocking \/ worker thread/, /^every \/health sent to the blocking server/],
    },
    {
      name: "the async server's loop is stuck as long as the blocking one's",
      mutate(events) {
        const slow = only(events, isSpan('blocking', 'slow call (blocking the loop)'));
        const window = events.find((e) => e.type === 'loop-delay' && e.proc === 'async');
        if (window?.type === 'loop-delay') window.maxMs = slow.end - slow.start;
      },
      fails: [/^the async server's event loop kept running/],
    },
  ],
  'cpu-bound': [
    {
      name: "the main thread's /health answers as fast as the pool's: the counts did not stall it",
      mutate(events) {
        const pool = events.filter(isRequest('pool', '/health'));
        events.filter(isRequest('main-thread', '/health')).forEach((r, i) => answerAfter(r, latency(pool[i % pool.length]!)));
      },
      fails: [/main thread \/ worker pool is at least 5/],
    },
    {
      name: 'a pool that runs its counts one at a time: one core busy, the four counts as slow as on the main thread',
      mutate(events) {
        for (const e of events) {
          if (e.type === 'loop-delay' && e.proc === 'pool' && e.cpuMs !== undefined) e.cpuMs = Math.min(e.cpuMs, e.end - e.start);
        }
        const work = (target: string) => events.filter(isRequest(target, '/work'));
        const main = work('main-thread');
        const makespan = Math.max(...main.map((r) => r.end)) - Math.min(...main.map((r) => r.scheduled));
        const pool = work('pool');
        const from = Math.min(...pool.map((r) => r.scheduled));
        const last = pool.reduce((a, b) => (a.end > b.end ? a : b));
        last.end = from + makespan;
      },
      fails: [/^the pool used more than one core at once/, /the pool finishes the four counts at least 1\.3 times sooner/],
    },
  ],
  'threadpool-limit': [
    {
      name: 'the pool sizes swapped: 8 threads finish in two groups, 4 in one',
      mutate(events) {
        for (const e of events) {
          if (e.proc === 'pool-4') e.proc = 'pool-8';
          else if (e.proc === 'pool-8') e.proc = 'pool-4';
        }
      },
      fails: [/^with 4 threads the first four finish well before the last/, /^with 8 threads all eight finish together/],
    },
    {
      name: 'a hash lost: the 8-thread process finished seven',
      mutate(events) {
        events.splice(events.findIndex(isSpan('pool-8', 'pbkdf2 #8')), 1);
      },
      // Its batch then also ends as soon as the 7th hash, sooner than 4 threads could: the totals check fails too.
      fails: [/^each process finished eight hashes/, /^with 8 threads all eight finish together/, /^with 2 cores 8 threads do not finish the batch sooner/],
    },
  ],
  'cluster-workers': [
    {
      name: 'both blocking workers stall: every /health waits for the slow request',
      mutate(events) {
        const slow = only(events, isRequest('blocking', '/slow'));
        for (const r of events.filter(isRequest('blocking', '/health'))) answerAfter(r, latency(slow));
      },
      fails: [/^with blocking handlers at least one \/health waits, and only on the worker/, /^with blocking handlers the other worker answers/],
    },
    {
      name: 'an async worker makes one /health wait',
      mutate(events) {
        const slow = only(events, isRequest('async', '/slow'));
        answerAfter(events.filter(isRequest('async', '/health'))[2]!, latency(slow) / 2);
      },
      fails: [/^with async handlers no \/health waits/],
    },
  ],
  'timeouts-and-cancellation': [
    {
      name: 'the signal never reaches the server: it completes the full call',
      mutate(events) {
        const race = only(events, isSpan('slow-api', /^slow-api race/));
        Object.assign(only(events, isSpan('slow-api', /^slow-api signal/)), {
          end: only(events, isSpan('slow-api', /^slow-api signal/)).start + (race.end - race.start),
          detail: 'completed',
        });
      },
      fails: [/^with AbortSignal\.timeout the server sees the request aborted/],
    },
    {
      name: 'Promise.race that waits for the slow call after all',
      mutate(events) {
        const race = only(events, isSpan('slow-api', /^slow-api race/));
        const ours = only(events, isSpan('main', 'Promise.race: our await'));
        ours.end = ours.start + (race.end - race.start);
      },
      fails: [/^both ways stop awaiting early/],
    },
  ],
  'async-iteration': [
    {
      name: 'the stream hands over each chunk as it is produced, like the generator (no buffering)',
      mutate: (events) => swapLogs(events, 'main', 8, 10),
      fails: [/^for await prints in this order/],
    },
    {
      name: 'the connection closes after the block, not at its end',
      mutate: (events) => swapLogs(events, 'main', 16, 17),
      fails: [/^await using closes at the end of its block/],
    },
    {
      name: 'await using reported unsupported, yet part of its block ran',
      mutate(events) {
        const lines = events.filter(isLog('main'));
        events.splice(events.indexOf(lines[15]!), 3, { v: 1, t: lines[15]!.t, proc: 'main', type: 'unsupported', feature: 'await using', detail: 'SyntaxError' });
      },
      fails: [/^await using is reported unsupported/],
    },
  ],
};

const ids = await listPlaygroundIds();

it('every playground has a claim check, found by its id, and every check a playground', () => {
  expect(ids.filter((id) => !CHECKED_PLAYGROUNDS.includes(id)), 'no CHECKERS entry in src/playground/claims.ts').toEqual([]);
  expect(CHECKED_PLAYGROUNDS.filter((id) => !ids.includes(id)), 'a CHECKERS entry with no playgrounds/<id>/').toEqual([]);
  expect(() => checkClaim('no-such-playground', [], { cpus: 1 })).toThrow(/no claim check for playground "no-such-playground": add one to CHECKERS/);
});

it('every playground has at least one counterexample', () => {
  expect(ids.filter((id) => !COUNTEREXAMPLES[id]?.length)).toEqual([]);
});

describe.each(ids)('%s claim', async (id) => {
  const reference = await loadReference(id);
  if (!reference) throw new Error(`${id} has no reference.json: run \`npm run record\``);
  const context = { cpus: reference.cpus.count };
  const failed = (events: TraceEvent[]) => checkClaim(id, events, context).checks.filter((c) => !c.pass).map((c) => c.expectation);

  it('holds on the reference run as recorded', () => {
    expect(failed(reference.events)).toEqual([]);
  });

  it.each(COUNTEREXAMPLES[id] ?? [])('fails when $name', ({ mutate, fails }) => {
    const events = structuredClone(reference.events);
    mutate(events);
    expect(checkClaim(id, events, context).holds).toBe(false);
    expect(failed(events)).toEqual(fails.map((pattern) => expect.stringMatching(pattern)));
  });

  it('fails on a run without the events it is about', () => {
    const result = checkClaim(id, reference.events.filter((e) => e.type === 'ready'), context);
    expect(result.holds).toBe(false);
  });
});

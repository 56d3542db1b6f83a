// Each playground's claim as checks over the events of one run. Pure, so the same checks judge a live run in the
// tests, a reference run before it is committed, and (if a page wants the figures) a reference run in the browser.
// Every threshold is a ratio or an ordering within the run: the machine's speed cancels out.
import { median, requestLatencyMs, type LogEvent, type RequestEvent, type SpanEvent, type TraceEvent } from './events.ts';

export interface ClaimCheck {
  /** What must hold, in words a reader of a failing test understands. */
  expectation: string;
  pass: boolean;
  /** What this run measured. */
  measured: string;
  /**
   * True for a check that needs cores nobody else is using at that moment (a parallel speed-up): on a shared
   * machine it can fail for want of them, which the tests tell apart from a false claim by measuring the machine.
   */
  needsFreeCores?: boolean;
}

export interface ClaimResult {
  holds: boolean;
  checks: ClaimCheck[];
}

export interface RunContext {
  /** Cores the run had (`os.availableParallelism()`, or the reference's `cpus.count`). */
  cpus: number;
}

type Checker = (events: TraceEvent[], context: RunContext) => ClaimCheck[];

const round = (value: number, digits = 2) => Number(value.toFixed(digits));
const ms = (value: number) => `${Math.round(value)} ms`;

function requests(events: TraceEvent[], target: string, path: string): RequestEvent[] {
  return events.filter((e): e is RequestEvent => e.type === 'request' && e.target === target && e.path === path);
}

function spans(events: TraceEvent[], proc: string, name?: string): SpanEvent[] {
  return events.filter(
    (e): e is SpanEvent => e.type === 'span' && e.proc === proc && (name === undefined || e.name === name),
  );
}

function logs(events: TraceEvent[], proc: string): string[] {
  return events.filter((e): e is LogEvent => e.type === 'log' && e.proc === proc).map((e) => e.text);
}

const latency = requestLatencyMs;
const duration = (span: SpanEvent) => span.end - span.start;

function maxLoopDelay(events: TraceEvent[], proc: string): number {
  return events.reduce((max, e) => (e.type === 'loop-delay' && e.proc === proc ? Math.max(max, e.maxMs) : max), 0);
}

/**
 * A runtime without a working `monitorEventLoopDelay` (WebContainer may be one) reports it, and the process samples
 * its loop with a timer of its own instead (_shared/trace.ts), so the check binds there too. Only a process that
 * reported it and still printed no loop-delay window at all (an older copy of trace.ts, say) gets a check that
 * says it could not be measured, instead of failing for want of samples.
 */
function unlessLoopDelayUnsupported(events: TraceEvent[], proc: string, check: () => ClaimCheck): ClaimCheck {
  const sampled = events.some((e) => e.type === 'loop-delay' && e.proc === proc);
  const reported = events.find(
    (e) => e.type === 'unsupported' && e.proc === proc && /monitorEventLoopDelay/.test(e.feature),
  );
  if (sampled || reported?.type !== 'unsupported') return check();
  return {
    expectation: `${check().expectation}: not measurable, ${proc} reported loop-delay sampling unsupported`,
    pass: true,
    measured: reported.detail,
  };
}

function onlySpan(events: TraceEvent[], proc: string, name: string): SpanEvent {
  const found = spans(events, proc, name);
  if (found.length !== 1) throw new Error(`expected one "${name}" span from ${proc}, found ${found.length}`);
  return found[0]!;
}

function ratioCheck(expectation: string, ratio: number, pass: boolean, detail: string): ClaimCheck {
  return { expectation, pass, measured: `${round(ratio)} (${detail})` };
}

function orderCheck(expectation: string, actual: string[], expected: string[]): ClaimCheck {
  const pass = actual.length === expected.length && actual.every((line, i) => line === expected[i]);
  return { expectation, pass, measured: actual.join(' | ') };
}

/** Measured as: awaited one after the other ≈ sum of the delays; `Promise.all` ≈ the longest (ratios). */
const sequentialVsConcurrent: Checker = (events) => {
  const phase = (name: string, total: string) => ({
    total: duration(onlySpan(events, 'main', total)),
    forecast: duration(onlySpan(events, 'main', `${name}: forecast`)),
    rate: duration(onlySpan(events, 'main', `${name}: rate`)),
  });
  const sequential = phase('one after the other', 'one after the other');
  const together = phase('together', 'together (Promise.all)');
  const sum = sequential.forecast + sequential.rate;
  const longest = Math.max(together.forecast, together.rate);
  return [
    ratioCheck(
      'one after the other takes about the sum of the two calls (ratio 0.95 to 1.25)',
      sequential.total / sum,
      sequential.total / sum >= 0.95 && sequential.total / sum <= 1.25,
      `${ms(sequential.total)} vs sum ${ms(sum)}`,
    ),
    ratioCheck(
      'together takes about the longest call (ratio 0.95 to 1.25)',
      together.total / longest,
      together.total / longest >= 0.95 && together.total / longest <= 1.25,
      `${ms(together.total)} vs longest ${ms(longest)}`,
    ),
    ratioCheck(
      'one after the other is clearly slower than together (ratio at least 1.3; 500/300 in theory)',
      sequential.total / together.total,
      sequential.total / together.total >= 1.3,
      `${ms(sequential.total)} vs ${ms(together.total)}`,
    ),
  ];
};

const EAGER_ORDER = Array.from({ length: 9 }, (_, i) => `${i + 1}.`);

/** Measured as: sync up to the first `await`, then `nextTick`, promise callbacks, `setImmediate`, `setTimeout` (order). */
const eagerPromises: Checker = (events) => [
  orderCheck(
    'the lines print in the order of their numbers, 1 to 9',
    logs(events, 'main').map((text) => text.split(' ')[0] ?? ''),
    EAGER_ORDER,
  ),
];

/** Measured as: `/health` waits behind a blocking call, not behind a worker thread or an awaited `fetch` (median ratio ≥ 10). */
const blockingTheLoop: Checker = (events) => {
  const health = (target: string) => median(requests(events, target, '/health').map(latency));
  const [blocking, offloaded, awaited] = [health('blocking'), health('offloaded'), health('async')];
  const slow = onlySpan(events, 'blocking', 'slow call (blocking the loop)');
  const waitedDuringSlow = requests(events, 'blocking', '/health').filter((r) => r.start > slow.start && r.start < slow.end);
  const loopStuck = maxLoopDelay(events, 'blocking');
  const asyncLoopStuck = maxLoopDelay(events, 'async');
  return [
    ratioCheck(
      'median /health latency: blocking / async fetch is at least 10',
      blocking / awaited,
      blocking / awaited >= 10,
      `${ms(blocking)} vs ${ms(awaited)}`,
    ),
    ratioCheck(
      'median /health latency: blocking / worker thread is at least 10',
      blocking / offloaded,
      blocking / offloaded >= 10,
      `${ms(blocking)} vs ${ms(offloaded)}`,
    ),
    {
      expectation: 'every /health sent to the blocking server during the slow call is answered only after it ends',
      pass: waitedDuringSlow.length > 0 && waitedDuringSlow.every((r) => (r.firstByte ?? Infinity) >= slow.end),
      measured: `${waitedDuringSlow.length} sent during the call, first answers ${waitedDuringSlow
        .map((r) => ms((r.firstByte ?? Number.NaN) - slow.end))
        .join(', ')} after it ended`,
    },
    unlessLoopDelayUnsupported(events, 'blocking', () =>
      ratioCheck(
        "the blocking server's event loop was stuck for most of the slow call (loop delay / call at least 0.8)",
        loopStuck / duration(slow),
        loopStuck / duration(slow) >= 0.8,
        `max loop delay ${ms(loopStuck)}, call ${ms(duration(slow))}`,
      ),
    ),
    unlessLoopDelayUnsupported(events, 'async', () =>
      ratioCheck(
        "the async server's event loop kept running (loop delay / call at most 0.2)",
        asyncLoopStuck / duration(slow),
        asyncLoopStuck / duration(slow) <= 0.2,
        `max loop delay ${ms(asyncLoopStuck)}`,
      ),
    ),
  ];
};

/** The busiest loop-delay window's CPU time per wall time inside [from, to]: above 1, threads ran in parallel. */
function peakCpuUse(events: TraceEvent[], proc: string, from: number, to: number): number {
  return events.reduce(
    (peak, e) =>
      e.type === 'loop-delay' && e.proc === proc && e.cpuMs !== undefined && e.end > from && e.start < to
        ? Math.max(peak, e.cpuMs / (e.end - e.start))
        : peak,
    0,
  );
}

/** Measured as: CPU work on the main thread stalls `/health`; a worker pool does not, and runs in parallel (ratios). */
const cpuBound: Checker = (events, { cpus }) => {
  const health = (target: string) => median(requests(events, target, '/health').map(latency));
  const window = (target: string) => {
    const work = requests(events, target, '/work');
    return { from: Math.min(...work.map((r) => r.scheduled)), to: Math.max(...work.map((r) => r.end)) };
  };
  const makespan = (target: string) => window(target).to - window(target).from;
  const peak = (target: string) => peakCpuUse(events, target, window(target).from, window(target).to);
  const stalled = health('main-thread') / health('pool');
  const gain = makespan('main-thread') / makespan('pool');
  const checks = [
    ratioCheck(
      'median /health latency: main thread / worker pool is at least 5',
      stalled,
      stalled >= 5,
      `${ms(health('main-thread'))} vs ${ms(health('pool'))}`,
    ),
  ];
  // One core can show neither: both checks need a second core to run on.
  if (cpus >= 2) {
    checks.push(
      // The CPU time comes with the loop-delay windows.
      unlessLoopDelayUnsupported(events, 'pool', () => ({
        ...ratioCheck(
          'the pool used more than one core at once (peak CPU time / wall time at least 1.3; Python threads under the GIL stay at 1)',
          peak('pool'),
          peak('pool') >= 1.3,
          `main thread peaked at ${round(peak('main-thread'))}`,
        ),
        needsFreeCores: true,
      })),
      {
        ...ratioCheck(
          `with ${cpus} cores the pool finishes the four counts at least 1.3 times sooner`,
          gain,
          gain >= 1.3,
          `${ms(makespan('main-thread'))} vs ${ms(makespan('pool'))}`,
        ),
        needsFreeCores: true,
      },
    );
  }
  return checks;
};

/** Measured as: 8 async `pbkdf2` finish in two groups with `UV_THREADPOOL_SIZE=4`, in one with 8 (ratios). */
const threadpoolLimit: Checker = (events, { cpus }) => {
  const completions = (proc: string) =>
    spans(events, proc)
      .filter((s) => s.name.startsWith('pbkdf2 #'))
      .map(duration)
      .sort((a, b) => a - b);
  const four = completions('pool-4');
  const eight = completions('pool-8');
  const fourthOfFour = four[3]! / four[7]!;
  const firstOfEight = eight[0]! / eight[7]!;
  return [
    { expectation: 'each process finished eight hashes', pass: four.length === 8 && eight.length === 8, measured: `${four.length} and ${eight.length}` },
    ratioCheck(
      'with 4 threads the first four finish well before the last (4th / 8th completion at most 0.75)',
      fourthOfFour,
      fourthOfFour <= 0.75,
      four.map(ms).join(', '),
    ),
    ratioCheck(
      'with 8 threads all eight finish together (1st / 8th completion at least 0.75)',
      firstOfEight,
      firstOfEight >= 0.75,
      eight.map(ms).join(', '),
    ),
    ...batchTotals(four[7]!, eight[7]!, cpus),
  ];
};

// The page says that on a machine whose cores four threads already fill, eight cannot finish the batch sooner. A
// run where they did (a neighbour slowing the first process, say) would contradict it. With more cores, eight
// threads may well be faster, so nothing is judged there.
function batchTotals(fourTotal: number, eightTotal: number, cpus: number): ClaimCheck[] {
  if (cpus > 4) return [];
  const ratio = eightTotal / fourTotal;
  return [
    ratioCheck(
      `with ${cpus} cores 8 threads do not finish the batch sooner than 4 (8-thread / 4-thread batch at least 0.8)`,
      ratio,
      ratio >= 0.8,
      `${ms(eightTotal)} vs ${ms(fourTotal)}`,
    ),
  ];
}

/** Measured as: a blocked cluster worker delays only the requests dealt to it; async workers delay none. */
const clusterWorkers: Checker = (events) => {
  const judge = (target: string) => {
    const slow = requests(events, target, '/slow')[0];
    if (!slow) throw new Error(`no /slow request to ${target}`);
    const slowMs = latency(slow);
    // Waiting for the slow request means waiting a good part of it; a quick answer is a few milliseconds.
    const health = requests(events, target, '/health');
    const delayed = health.filter((r) => latency(r) > 0.2 * slowMs);
    return { slow, health, delayed };
  };
  const blocking = judge('blocking');
  const awaited = judge('async');
  const describe = (requests: RequestEvent[]) =>
    requests.map((r) => `${ms(latency(r))} from ${r.servedBy ?? '?'}`).join(', ') || 'none';
  return [
    {
      expectation: 'with blocking handlers at least one /health waits, and only on the worker that runs /slow',
      pass: blocking.delayed.length > 0 && blocking.delayed.every((r) => r.servedBy === blocking.slow.servedBy),
      measured: `${blocking.delayed.length} of ${blocking.health.length} waited: ${describe(blocking.delayed)}; /slow ran on ${blocking.slow.servedBy}`,
    },
    {
      expectation: 'with blocking handlers the other worker answers the rest at once',
      pass: blocking.health.some((r) => r.servedBy !== blocking.slow.servedBy && !blocking.delayed.includes(r)),
      measured: `${blocking.health.length - blocking.delayed.length} answered quickly`,
    },
    {
      expectation: 'with async handlers no /health waits',
      pass: awaited.delayed.length === 0 && awaited.health.length > 0,
      measured: `${awaited.delayed.length} of ${awaited.health.length} waited; slowest ${ms(Math.max(...awaited.health.map(latency)))}`,
    },
  ];
};

/** Measured as: only `AbortSignal.timeout` makes the server see the abort; `Promise.race` lets the work run on. */
const timeoutsAndCancellation: Checker = (events) => {
  const raceServer = onlySpan(events, 'slow-api', 'slow-api race (1000 ms)');
  const signalServer = onlySpan(events, 'slow-api', 'slow-api signal (1000 ms)');
  const raceClient = onlySpan(events, 'main', 'Promise.race: our await');
  const signalClient = onlySpan(events, 'main', 'AbortSignal.timeout: our await');
  return [
    ratioCheck(
      'both ways stop awaiting early (client await / full call at most 0.6)',
      Math.max(duration(raceClient), duration(signalClient)) / duration(raceServer),
      Math.max(duration(raceClient), duration(signalClient)) / duration(raceServer) <= 0.6,
      `race ${ms(duration(raceClient))}, signal ${ms(duration(signalClient))}, full call ${ms(duration(raceServer))}`,
    ),
    {
      expectation: 'with Promise.race the server completes its work',
      pass: raceServer.detail === 'completed',
      measured: `${raceServer.detail ?? 'no detail'} after ${ms(duration(raceServer))}`,
    },
    {
      expectation: 'with AbortSignal.timeout the server sees the request aborted, early (at most 0.6 of the full call)',
      pass: signalServer.detail?.startsWith('aborted') === true && duration(signalServer) / duration(raceServer) <= 0.6,
      measured: `${signalServer.detail ?? 'no detail'} after ${ms(duration(signalServer))}`,
    },
  ];
};

const ASYNC_ITERATION_ORDER = [
  'generator: produce 1',
  'loop: got 1',
  'generator: produce 2',
  'loop: got 2',
  'generator: produce 3',
  'loop: got 3',
  'generator: done',
  'stream: produce 1',
  'stream: produce 2',
  'stream: produce 3',
  'loop: got 1',
  'stream: done',
  'loop: got 2',
  'loop: got 3',
];

const AWAIT_USING_ORDER = [
  'connection: open',
  'block: uses the connection',
  'connection: closed by await using',
  'after the block: the connection is already closed',
];

/** Measured as: lazy generator, read-ahead stream, `await using` disposing at the end of its block (order). */
const asyncIteration: Checker = (events) => {
  const printed = logs(events, 'main');
  const awaitUsing = !events.some((e) => e.type === 'unsupported' && e.feature === 'await using');
  return [
    orderCheck('for await prints in this order', printed.slice(0, ASYNC_ITERATION_ORDER.length), ASYNC_ITERATION_ORDER),
    awaitUsing
      ? orderCheck('await using closes at the end of its block', printed.slice(ASYNC_ITERATION_ORDER.length), AWAIT_USING_ORDER)
      : // Where the runtime cannot parse it, its module fails to load as a whole: none of its block may have run.
        orderCheck(
          'await using is reported unsupported rather than crashing, and none of its block ran',
          printed.slice(ASYNC_ITERATION_ORDER.length),
          [],
        ),
  ];
};

const CHECKERS: Record<string, Checker> = {
  'sequential-vs-concurrent': sequentialVsConcurrent,
  'eager-promises': eagerPromises,
  'blocking-the-loop': blockingTheLoop,
  'cpu-bound': cpuBound,
  'threadpool-limit': threadpoolLimit,
  'cluster-workers': clusterWorkers,
  'timeouts-and-cancellation': timeoutsAndCancellation,
  'async-iteration': asyncIteration,
};

/** The playgrounds with a claim check, found by their folder's name: every playground needs one. */
export const CHECKED_PLAYGROUNDS: readonly string[] = Object.keys(CHECKERS);

/** Judges one run of playground `id`. Events missing for a check make it fail with the reason, not throw. */
export function checkClaim(id: string, events: TraceEvent[], context: RunContext): ClaimResult {
  const checker = CHECKERS[id];
  if (!checker) throw new Error(`no claim check for playground "${id}": add one to CHECKERS in src/playground/claims.ts, keyed by its folder name`);
  let checks: ClaimCheck[];
  try {
    checks = checker(events, context);
  } catch (error) {
    checks = [{ expectation: 'the run has the events the claim is about', pass: false, measured: String(error) }];
  }
  return { holds: checks.every((check) => check.pass), checks };
}

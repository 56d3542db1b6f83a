// How a playground process reports what happened. Whoever starts it to draw a timeline sets
// PLAYGROUND_EVENTS=1 and gets one JSON event per line; a reader running `node file.ts` by hand gets plain sentences.
import { basename } from 'node:path';
import { performance } from 'node:perf_hooks';
import * as perfHooks from 'node:perf_hooks';
import { describeEvent, EVENT_PROTOCOL_VERSION, formatEvent, type TraceEvent } from './events.ts';

const asEvents = process.env.PLAYGROUND_EVENTS === '1';
const proc = process.env.PLAYGROUND_PROCESS ?? basename(process.argv[1] ?? 'node', '.ts');
let part: string | undefined;

/** Epoch milliseconds with sub-millisecond precision: one clock for every process, so their events line up. */
export function now(): number {
  return performance.timeOrigin + performance.now();
}

/** Names the part of this process that prints from here on (a cluster worker has its own event loop). */
export function setTracePart(name: string): void {
  part = name;
}

/** The name `x-served-by` carries: this process, and the part of it when there is one. */
export function traceName(): string {
  return part ? `${proc}/${part}` : proc;
}

// Each event type, minus the fields every event gets here.
type Unstamped<E> = E extends TraceEvent ? Omit<E, 'v' | 't' | 'proc' | 'part'> : never;

export function emit(fields: Unstamped<TraceEvent>): void {
  const event = { v: EVENT_PROTOCOL_VERSION, t: now(), proc, ...(part ? { part } : {}), ...fields } as TraceEvent;
  if (asEvents) {
    console.log(formatEvent(event));
    return;
  }
  const line = describeEvent(event);
  if (line !== null) console.log(line);
}

/** Prints a line for the reader (a `log` event when traced). */
export function log(text: string): void {
  emit({ type: 'log', text });
}

/** Prints how long something took, from `start` (a `now()` reading) until now. */
export function span(name: string, start: number, detail?: string): void {
  emit({ type: 'span', name, start, end: now(), ...(detail ? { detail } : {}) });
}

/** The Node that runs this process, for the `ready` event: in the browser, WebContainer's (and which build). */
export function runtimeVersions(): { node: string; webcontainer?: string } {
  const webcontainer = process.versions.webcontainer;
  return { node: process.version, ...(typeof webcontainer === 'string' ? { webcontainer } : {}) };
}

/** What sampling needs of a histogram of loop delays, in nanoseconds, as `monitorEventLoopDelay` gives one. */
interface DelayHistogram {
  readonly count: number;
  readonly max: number;
  readonly mean: number;
  reset(): void;
  disable(): void;
}

const RESOLUTION_MS = 10;

/**
 * A histogram that is recording, or why there is none. Read through the namespace so a runtime that lacks the export
 * reaches the check instead of failing to link; one whose stub throws (Bun's did, WebContainer's may) is caught.
 */
function startHistogram(): DelayHistogram | string {
  if (typeof perfHooks.monitorEventLoopDelay !== 'function') return 'no such function';
  try {
    const histogram = perfHooks.monitorEventLoopDelay({ resolution: RESOLUTION_MS });
    histogram.enable();
    return histogram;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}

/**
 * The same measurement as `monitorEventLoopDelay`, made by hand: a timer every RESOLUTION_MS records how long it
 * really was since its last run, so a loop stuck for a second records about a second, as Node's histogram (itself
 * a timer) does. Unlike Node's, its reset keeps the last reading, so no interval goes unrecorded.
 */
function startTimerHistogram(): DelayHistogram {
  let last = now();
  let count = 0;
  let max = 0;
  let sum = 0;
  const timer = setInterval(() => {
    const at = now();
    const delta = (at - last) * 1e6;
    last = at;
    count++;
    sum += delta;
    max = Math.max(max, delta);
  }, RESOLUTION_MS);
  timer.unref();
  return {
    get count() {
      return count;
    },
    get max() {
      return max;
    },
    get mean() {
      return count > 0 ? sum / count : Number.NaN;
    },
    reset() {
      count = 0;
      max = 0;
      sum = 0;
    },
    disable() {
      clearInterval(timer);
    },
  };
}

/**
 * Samples how late the event loop runs its callbacks, one `loop-delay` event per window: a loop stuck for a second
 * shows as a window with `maxMs` near 1000. A runtime without a working `monitorEventLoopDelay` says so in an
 * `unsupported` event and is sampled by a timer of our own instead. Returns a function that reports the last
 * window and stops.
 */
export function monitorLoopDelay(windowMs = 100): () => void {
  const native = startHistogram();
  if (typeof native === 'string') {
    emit({
      type: 'unsupported',
      feature: 'perf_hooks.monitorEventLoopDelay',
      detail: `${native}; loop delay sampled by a ${RESOLUTION_MS} ms timer instead`,
    });
  }
  // Node's histogram drops the first interval after each reset, so a stall that begins just after a window was
  // read would vanish; a timer of our own, which keeps its last reading across windows, never drops one. Where
  // monitorEventLoopDelay works both record, and the larger maximum counts.
  const own = startTimerHistogram();
  const histograms = typeof native === 'string' ? [own] : [native, own];
  let start = now();
  let cpu = process.cpuUsage();
  /** `waitedMs`: how long this sample itself waited for the loop, once it was due. */
  const sample = (waitedMs = 0) => {
    const end = now();
    const cpuNow = process.cpuUsage();
    const cpuMs = (cpuNow.user - cpu.user + cpuNow.system - cpu.system) / 1000;
    // Histograms are in nanoseconds; an empty window reports NaN for the mean. A stall that began after this
    // sample was due holds the sample up too, before either timer can record it, so the wait counts as well.
    const maxMs = Math.max(waitedMs, ...histograms.map((h) => (h.count > 0 ? h.max / 1e6 : 0)));
    const first = histograms.find((h) => h.count > 0);
    const meanMs = first ? first.mean / 1e6 : 0;
    emit({ type: 'loop-delay', start, end, maxMs, meanMs, cpuMs });
    histograms.forEach((h) => h.reset());
    start = end;
    cpu = cpuNow;
  };
  // After a stall the histograms' timers are due in the same timers phase as ours, possibly after it; reading
  // in the check phase that follows lets them record the stall first, so the stall lands in the window it ended in.
  const timer = setInterval(() => {
    const due = now();
    setImmediate(() => sample(now() - due));
  }, windowMs);
  timer.unref();
  return () => {
    clearInterval(timer);
    sample();
    histograms.forEach((h) => h.disable());
  };
}

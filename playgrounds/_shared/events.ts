// The trace event protocol, version 1: every process of a playground prints one JSON object per line, and
// whoever reads the output (a test, the recorder, the page's timeline) parses the lines back.
// This file is pure (no `node:` imports) because the page's browser code parses the same lines.

export const EVENT_PROTOCOL_VERSION = 1;

/** Fields every event has. Times are epoch milliseconds with sub-millisecond precision, on every process. */
interface EventBase {
  v: typeof EVENT_PROTOCOL_VERSION;
  /** When the event was printed. */
  t: number;
  /** The manifest's process id that printed it (`load` for the load client). */
  proc: string;
  /** Which part of that process, when it has several event loops (a cluster worker). */
  part?: string;
}

/** A server is listening and can be fired at. */
export interface ReadyEvent extends EventBase {
  type: 'ready';
  port: number;
  pid: number;
  /** `process.version` of the Node that runs it: in the browser, WebContainer's, which may differ from ours. */
  node?: string;
  /** `process.versions.webcontainer`, set when it runs in WebContainer (or under the compatibility profile). */
  webcontainer?: string;
}

/** One window of `monitorEventLoopDelay`: the loop could not run a callback for up to `maxMs` inside it. */
export interface LoopDelayEvent extends EventBase {
  type: 'loop-delay';
  start: number;
  end: number;
  maxMs: number;
  meanMs: number;
  /**
   * CPU time the whole process (all its threads) used in the window. More than the window's length means
   * threads ran in parallel on several cores.
   */
  cpuMs?: number;
}

/** The runtime lacks something the playground uses; it carries on without it. */
export interface UnsupportedEvent extends EventBase {
  type: 'unsupported';
  feature: string;
  detail: string;
}

/** What a process can do that has more than one way, depending on what the runtime allows. */
export type MechanismFeature = 'sync-request' | 'sync-sleep';

/**
 * The way it chose, by trying them at start-up:
 * - `message-port`: sleeps in `Atomics.wait`, then takes the answer with `receiveMessageOnPort`;
 * - `shared-buffer`: sleeps in `Atomics.wait`, then reads the answer from a `SharedArrayBuffer`;
 * - `busy-wait`: keeps the thread busy checking a shared flag, where `Atomics.wait` is not allowed;
 * - `atomics-wait`: sleeps in `Atomics.wait` (a sleep needs no answer).
 */
export type MechanismChoice = 'message-port' | 'shared-buffer' | 'busy-wait' | 'atomics-wait';

export const MECHANISM_FEATURES: readonly MechanismFeature[] = ['sync-request', 'sync-sleep'];
export const MECHANISM_CHOICES: readonly MechanismChoice[] = ['message-port', 'shared-buffer', 'busy-wait', 'atomics-wait'];

/** Printed once by each process or thread that chose how to do `feature`, when it starts. */
export interface MechanismEvent extends EventBase {
  type: 'mechanism';
  feature: MechanismFeature;
  chosen: MechanismChoice;
  /** Why: what the runtime lacked, in the runtime's words. */
  detail?: string;
}

/** One request the load client made, on the same clock as the servers' events. */
export interface RequestEvent extends EventBase {
  type: 'request';
  /** The process the request was fired at. */
  target: string;
  /** The request's index in the planned scenario, the same across targets. */
  id: number;
  method: string;
  path: string;
  /** Planned offset from the start of this target's run. */
  offsetMs: number;
  scheduled: number;
  start: number;
  /** When the response headers arrived; null if none did. */
  firstByte: number | null;
  end: number;
  status: number | null;
  /** The `x-served-by` response header: which process or worker answered. */
  servedBy?: string;
  error?: string;
}

/** Something that took time inside a process: a slow call, a computation, a timed-out request. */
export interface SpanEvent extends EventBase {
  type: 'span';
  name: string;
  start: number;
  end: number;
  /** How it ended, when that is the point (`completed`, `aborted`, `timed out`). */
  detail?: string;
}

/** A line a script prints for the reader; its order is often the claim. */
export interface LogEvent extends EventBase {
  type: 'log';
  text: string;
}

/** The load client fired and finished the whole scenario. */
export interface DoneEvent extends EventBase {
  type: 'done';
  requests: number;
}

export type TraceEvent =
  | ReadyEvent
  | LoopDelayEvent
  | UnsupportedEvent
  | MechanismEvent
  | RequestEvent
  | SpanEvent
  | LogEvent
  | DoneEvent;

export type TraceEventType = TraceEvent['type'];

/** A line of output: an event, or text to show as it is (with terminal escapes removed). */
export type OutputLine = { kind: 'event'; event: TraceEvent } | { kind: 'text'; text: string };

/**
 * How long a request took, as every reader of the protocol counts it: from the moment the client sent it to the
 * end of the answer. Time the client spent before sending (its own timers running late) is not the server's.
 */
export function requestLatencyMs(request: Pick<RequestEvent, 'start' | 'end'>): number {
  return request.end - request.start;
}

/** The median, averaging the middle two of an even count; NaN for none, so no comparison with it can pass. */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  if (sorted.length === 0) return Number.NaN;
  const middle = Math.floor(sorted.length / 2);
  const upper = sorted[middle] ?? 0;
  return sorted.length % 2 === 1 ? upper : ((sorted[middle - 1] ?? upper) + upper) / 2;
}

export function formatEvent(event: TraceEvent): string {
  return JSON.stringify(event);
}

// CSI sequences (colours, cursor moves) and OSC sequences (titles, WebContainer's markers).
const TERMINAL_ESCAPES = /\u001b\[[0-?]*[ -/]*[@-~]|\u001b\][^\u0007\u001b]*(?:\u0007|\u001b\\)/g;

export function stripTerminalEscapes(text: string): string {
  return text.replace(TERMINAL_ESCAPES, '');
}

/**
 * Reads one line of a process's output. A line that is not a version-1 event with the fields its type needs is
 * text: processes print ordinary text too, and WebContainer merges stderr into the same stream.
 */
export function parseEventLine(line: string): OutputLine {
  const text = stripTerminalEscapes(line).replace(/\r$/, '');
  const trimmed = text.trim();
  if (trimmed.startsWith('{') && trimmed.endsWith('}')) {
    let value: unknown;
    try {
      value = JSON.parse(trimmed);
    } catch {
      return { kind: 'text', text };
    }
    if (isTraceEvent(value)) return { kind: 'event', event: value };
  }
  return { kind: 'text', text };
}

/** Splits a stream of output chunks into lines, holding back a partial last line until it is complete. */
export function createLineReader(): { push(chunk: string): string[]; flush(): string[] } {
  let pending = '';
  return {
    push(chunk) {
      const lines = (pending + chunk).split('\n');
      pending = lines.pop() ?? '';
      return lines;
    },
    flush() {
      const rest = pending;
      pending = '';
      return rest === '' ? [] : [rest];
    },
  };
}

/** A field's kind, or the strings it may be. */
type FieldKind = 'number' | 'string' | 'number|null' | readonly string[];

const REQUIRED_FIELDS: Record<TraceEventType, Record<string, FieldKind>> = {
  ready: { port: 'number', pid: 'number' },
  'loop-delay': { start: 'number', end: 'number', maxMs: 'number', meanMs: 'number' },
  unsupported: { feature: 'string', detail: 'string' },
  mechanism: { feature: MECHANISM_FEATURES, chosen: MECHANISM_CHOICES },
  request: {
    target: 'string',
    id: 'number',
    method: 'string',
    path: 'string',
    offsetMs: 'number',
    scheduled: 'number',
    start: 'number',
    firstByte: 'number|null',
    end: 'number',
    status: 'number|null',
  },
  span: { name: 'string', start: 'number', end: 'number' },
  log: { text: 'string' },
  done: { requests: 'number' },
};

/** Fields a type may leave out; when present they must still be of their kind. */
const OPTIONAL_FIELDS: Partial<Record<TraceEventType, Record<string, FieldKind>>> = {
  ready: { node: 'string', webcontainer: 'string' },
  'loop-delay': { cpuMs: 'number' },
  mechanism: { detail: 'string' },
  request: { servedBy: 'string', error: 'string' },
  span: { detail: 'string' },
};

function hasKind(value: unknown, kind: FieldKind): boolean {
  if (kind === 'number|null') return value === null || typeof value === 'number';
  if (typeof kind !== 'string') return typeof value === 'string' && kind.includes(value);
  return typeof value === kind;
}

export function isTraceEvent(value: unknown): value is TraceEvent {
  if (typeof value !== 'object' || value === null) return false;
  const record = value as Record<string, unknown>;
  if (record.v !== EVENT_PROTOCOL_VERSION || typeof record.t !== 'number' || typeof record.proc !== 'string') {
    return false;
  }
  if (record.part !== undefined && typeof record.part !== 'string') return false;
  const type = record.type;
  if (typeof type !== 'string' || !Object.hasOwn(REQUIRED_FIELDS, type)) return false;
  const required = REQUIRED_FIELDS[type as TraceEventType];
  const optional = OPTIONAL_FIELDS[type as TraceEventType] ?? {};
  return (
    Object.entries(required).every(([field, kind]) => hasKind(record[field], kind)) &&
    Object.entries(optional).every(([field, kind]) => record[field] === undefined || hasKind(record[field], kind))
  );
}

const ms = (value: number) => `${Math.round(value)} ms`;

/**
 * The line a reader sees when running a playground by hand, where events would be noise. It does not name the
 * process: the launcher prefixes each line with it. Null means "nothing worth a line" (a loop-delay window in
 * which the loop kept up).
 */
export function describeEvent(event: TraceEvent): string | null {
  switch (event.type) {
    case 'ready': {
      const runtime = [
        ...(event.node === undefined ? [] : [`Node ${event.node}`]),
        ...(event.webcontainer === undefined ? [] : [`WebContainer ${event.webcontainer}`]),
      ];
      return `listening on http://127.0.0.1:${event.port}${runtime.length > 0 ? ` (${runtime.join(', ')})` : ''}`;
    }
    case 'loop-delay':
      return event.maxMs >= 50 ? `event loop stuck for up to ${ms(event.maxMs)}` : null;
    case 'unsupported':
      return `${event.feature} is not supported here (${event.detail})`;
    case 'mechanism':
      return `${event.feature}: uses ${event.chosen}${event.detail ? ` (${event.detail})` : ''}`;
    case 'request': {
      const outcome = event.error ?? String(event.status);
      const by = event.servedBy ? ` by ${event.servedBy}` : '';
      return `${event.target} ${event.method} ${event.path} @${event.offsetMs} ms: ${outcome} in ${ms(event.end - event.start)}${by}`;
    }
    case 'span':
      return `${event.name}: ${ms(event.end - event.start)}${event.detail ? ` (${event.detail})` : ''}`;
    case 'log':
      return event.text;
    case 'done':
      return `${event.requests} requests done`;
  }
}

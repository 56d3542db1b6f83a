// The one orchestrator: runs a playground through any Runtime, in the order its manifest implies: upstreams and
// servers first (each until its port listens), then scripts one after another, then the load client fires the
// scenario at every server. Everything a process prints comes back as events or text. The page (WebContainer or
// the local runner), the claim tests, the recorder and a standalone copy's `npm start` all run playgrounds
// through this file, so what the tests prove is the order the reader runs. Browser-safe: no DOM, no `node:`.
import { createLineReader, parseEventLine, type TraceEvent } from './events.ts';
import { EditedCodeError, RuntimeError, abortable, type FileMap, type ProcessNotice, type Runtime, type RuntimeProcess } from './runtime.ts';
import { processEnv, processRole, type ProcessSpec, type ScenarioEntry } from './scenario.ts';

export type RunStep =
  | { kind: 'booting' }
  | { kind: 'mounting' }
  | { kind: 'starting'; process: string }
  | { kind: 'script'; process: string }
  | { kind: 'firing' };

/** What running needs of a manifest (src/playground/manifest.ts has the whole schema). */
export interface RunManifest {
  processes: readonly ProcessSpec[];
  scenario?: readonly ScenarioEntry[];
}

/** A process the run starts: one of the manifest's, or the load client. */
export type RunProcess = ProcessSpec | { id: 'load'; command: string[] };

export interface RunInput {
  /** The folder the runtime runs the playground in (its id). */
  id: string;
  manifest: RunManifest;
  /** The files as this runtime runs them (JavaScript for WebContainer, TypeScript for real Node); none to mount when they are there already. */
  files?: FileMap;
  /** The argv to run a process with, after any renaming the files went through. */
  argv(process: RunProcess): string[];
  /**
   * Called once every step has run, with the servers still up and their ports; the run ends when it resolves.
   * A standalone copy holds them for `npm run load` until Ctrl-C; a test can send its own requests.
   */
  hold?(ports: ReadonlyMap<string, number>): Promise<void>;
}

export interface RunCallbacks {
  step(step: RunStep): void;
  event(event: TraceEvent): void;
  text(process: string, text: string): void;
  /** Something the runtime itself says about a process (it killed it, it dropped output), to word in the page's language. */
  notice(process: string, notice: ProcessNotice): void;
}

/** A process ended before it should have: a server before listening, a script with a non-zero code. */
export class ProcessExitedError extends Error {
  override name = 'ProcessExitedError';
  readonly process: string;
  readonly code: number;
  readonly lastLines: string[];
  constructor(process: string, code: number, lastLines: string[]) {
    super(`${process} exited with code ${code}`);
    this.process = process;
    this.code = code;
    this.lastLines = lastLines;
  }
}

/**
 * A server ended while the run still needed it, after it had started listening: it crashed while serving (an
 * uncaught error, a process.exit in a handler). Everything it printed until then stays on screen.
 */
export class ServerCrashedError extends ProcessExitedError {
  override name = 'ServerCrashedError';
}

const PORT_TIMEOUT_MS = 15_000;
// A mount or a spawn is a message to the runtime and its answer; far longer than either takes, so only a runtime
// that died under the call (WebContainer's calls have no timeout of their own) is waited on this long.
const CALL_TIMEOUT_MS = 20_000;
// How long the processes get to end once the run is over. WebContainer cannot kill a process stuck in a busy
// loop; after this, the runtime is torn down, which ends them, and the reader is told.
export const EXIT_GRACE_MS = 3_000;
const LOAD_ID = 'load';
const TAIL_LINES = 12;

interface Started {
  id: string;
  process: RuntimeProcess;
  /** Resolves when its output has been read to the end. */
  drained: Promise<void>;
  tail: string[];
}

export async function runPlayground(runtime: Runtime, input: RunInput, on: RunCallbacks, signal: AbortSignal): Promise<void> {
  const started: Started[] = [];
  // Spawns still on their way: a run that ends (Stop, or another process failing) must kill what they start too.
  const spawning = new Set<Promise<unknown>>();
  let ending = false;
  const killAll = () => started.forEach(({ process }) => process.kill());
  const end = () => {
    ending = true;
    killAll();
  };
  const crashes = watchCrashes(() => ending);
  signal.addEventListener('abort', end, { once: true });
  try {
    on.step({ kind: 'booting' });
    await runtime.boot(signal);
    throwIfAborted(signal);

    if (input.files) {
      on.step({ kind: 'mounting' });
      await bounded(runtime.mount(input.id, input.files), signal, 'mount');
      throwIfAborted(signal);
    }

    const processes = input.manifest.processes;
    const listening = processes.filter((spec) => processRole(spec) !== 'script');
    const assigned = await runtime.ports(listening.map((spec) => spec.port ?? 0));
    const ports = new Map(listening.map((spec, i) => [spec.id, assigned[i] ?? spec.port ?? 0]));

    const start = async (spec: RunProcess): Promise<Started> => {
      throwIfAborted(signal);
      // The run already failed (a server crashed) while this step was on its way: start nothing more.
      if (ending) throw new RuntimeError('aborted', 'the run has ended');
      const env = { ...processEnv(spec, ports), PLAYGROUND_EVENTS: '1' };
      const call = runtime.spawn(input.id, input.argv(spec), { env });
      const process = await bounded(call, signal, `spawn ${spec.id}`).catch((error: unknown) => {
        // Given up on, it may still start: nobody would wait for it, so it must not live on.
        void call.then((late) => late.kill(), () => {});
        throw error;
      });
      const entry: Started = { id: spec.id, process, tail: [], drained: Promise.resolve() };
      entry.drained = readOutput(process.output, {
        line(line) {
          const parsed = parseEventLine(line);
          if (parsed.kind === 'event') return on.event(parsed.event);
          if (parsed.text.trim() === '') return;
          entry.tail = [...entry.tail.slice(1 - TAIL_LINES), parsed.text];
          on.text(spec.id, parsed.text);
        },
        notice: (notice) => on.notice(spec.id, notice),
      });
      started.push(entry);
      // The run ended while this process was starting: nobody will wait for it, so it must not live on.
      if (ending) process.kill();
      return entry;
    };
    const spawn = (spec: RunProcess): Promise<Started> => {
      const pending = start(spec);
      spawning.add(pending);
      void pending.then(
        () => spawning.delete(pending),
        () => spawning.delete(pending),
      );
      return pending;
    };

    const steps = async () => {
      // Servers start together; each must listen before anything is fired at it, or say why it could not.
      await Promise.all(
        listening.map(async (spec) => {
          on.step({ kind: 'starting', process: spec.id });
          const entry = await spawn(spec);
          await untilListening(runtime, entry, ports.get(spec.id) ?? 0, signal);
          crashes.watch(entry);
        }),
      );
      for (const spec of processes.filter((spec) => processRole(spec) === 'script')) {
        on.step({ kind: 'script', process: spec.id });
        await runToEnd(await spawn(spec), signal);
      }
      if ((input.manifest.scenario ?? []).length > 0) {
        on.step({ kind: 'firing' });
        await runToEnd(await spawn({ id: LOAD_ID, command: ['node', 'load.ts'] }), signal);
      }
    };
    const running = steps().then(() => input.hold?.(ports));
    // When a crash wins the race the steps are cut short by the kills below; how they end no longer matters.
    running.catch(() => {});
    // Stop ends the wait at once, even on a script or load client that ignores its kill (a busy loop in
    // WebContainer): the grace and teardown below then deal with it.
    const stopped = new Promise<never>((_resolve, reject) => {
      signal.addEventListener('abort', () => reject(new RuntimeError('aborted', 'stopped by the reader')), { once: true });
    });
    stopped.catch(() => {});
    await Promise.race([running, crashes.reported, stopped]);
    // A server that ended just as the last step finished crashed all the same; it is reported once its output is read.
    if (crashes.seen) await crashes.reported;
  } finally {
    signal.removeEventListener('abort', end);
    end();
    await settleWithin(Promise.allSettled([...spawning]), CALL_TIMEOUT_MS);
    await endAll(runtime, started, on);
  }
}

/**
 * Waits for every process to end and its output to be read, at most EXIT_GRACE_MS; then tears the runtime down
 * (which ends them, or settles their exits when the runtime is gone) and says so on each process that was left.
 */
async function endAll(runtime: Runtime, started: readonly Started[], on: RunCallbacks): Promise<void> {
  const ended = new Set<Started>();
  const all = Promise.all(started.map((entry) => Promise.all([entry.process.exit, entry.drained]).then(() => ended.add(entry), () => ended.add(entry))));
  if (await settleWithin(all, EXIT_GRACE_MS)) return;
  const left = started.filter((entry) => !ended.has(entry));
  for (const entry of left) on.notice(entry.id, { code: 'restarted', values: { seconds: EXIT_GRACE_MS / 1000 } });
  await runtime.teardown().catch(() => {});
  // A torn-down runtime settles what it had started; one that cannot is not waited on for ever.
  await settleWithin(all, EXIT_GRACE_MS);
}

/** True when `promise` settled within `ms`; it is left to settle on its own otherwise. */
async function settleWithin(promise: Promise<unknown>, ms: number): Promise<boolean> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), ms)));
  const settled = promise.then(
    () => true as const,
    () => true as const,
  );
  try {
    return await Promise.race([settled, late]);
  } finally {
    clearTimeout(timer);
  }
}

/** A runtime call that gives up when the reader stops the run, or after CALL_TIMEOUT_MS without an answer. */
async function bounded<T>(call: Promise<T>, signal: AbortSignal, what: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new RuntimeError('runtime-timeout', `${what}: no answer within ${CALL_TIMEOUT_MS / 1000} s`)), CALL_TIMEOUT_MS);
  });
  try {
    return await Promise.race([abortable(call, signal), late]);
  } finally {
    clearTimeout(timer);
  }
}

interface CrashWatch {
  /** Rejects with the first crash: a ServerCrashedError, or the runtime's error when it lost the process. */
  readonly reported: Promise<never>;
  /** A crash happened, even if its report still waits for the process's last output. */
  readonly seen: boolean;
  /** From now on, until the run ends, this server's exit is a crash. */
  watch(entry: Started): void;
}

function watchCrashes(ending: () => boolean): CrashWatch {
  let report: (error: unknown) => void = () => {};
  const reported = new Promise<never>((_resolve, reject) => (report = reject));
  reported.catch(() => {});
  const crashes = {
    reported,
    seen: false,
    watch(entry: Started) {
      entry.process.exit.then(
        async (code) => {
          if (ending()) return;
          crashes.seen = true;
          await entry.drained;
          report(new ServerCrashedError(entry.id, code, entry.tail));
        },
        (error: unknown) => {
          if (ending()) return;
          crashes.seen = true;
          report(error);
        },
      );
    },
  };
  return crashes;
}

/** Reads a process's output to its end: text line by line, and the runtime's own notices in their place. */
async function readOutput(
  output: ReadableStream<string | ProcessNotice>,
  on: { line(text: string): void; notice(notice: ProcessNotice): void },
): Promise<void> {
  const lines = createLineReader();
  const reader = output.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      if (typeof value === 'string') {
        lines.push(value).forEach(on.line);
      } else {
        // A notice stands on its own line, after whatever the process had printed so far.
        lines.flush().forEach(on.line);
        on.notice(value);
      }
    }
  } catch {
    // The stream errors when its process is killed mid-chunk; what was read is kept.
  } finally {
    lines.flush().forEach(on.line);
  }
}

function throwIfAborted(signal: AbortSignal): void {
  if (signal.aborted) throw new RuntimeError('aborted', 'stopped by the reader');
}

/** A clear reason from the last lines a process printed, or its exit code. */
function failure(entry: Started, code: number): Error {
  const text = entry.tail.join('\n');
  if (/EADDRINUSE/.test(text)) return new RuntimeError('port-in-use', text);
  const syntax = /(?:file:\/\/)?[^\s:()]*?([\w.-]+\.[cm]?[jt]s):(\d+)[\s\S]*?SyntaxError(?: \[[A-Z_]+\])?: (.+)/.exec(text);
  if (syntax) return new EditedCodeError(tsName(syntax[1] ?? ''), Number(syntax[2]), syntax[3] ?? 'SyntaxError');
  return new ProcessExitedError(entry.id, code, entry.tail);
}

// Errors name the file that ran; the reader edited its TypeScript twin (line numbers are kept).
function tsName(file: string): string {
  return file.replace(/\.js$/, '.ts');
}

async function untilListening(runtime: Runtime, entry: Started, port: number, signal: AbortSignal): Promise<void> {
  const exited = entry.process.exit.then(async (code) => {
    await entry.drained;
    throw failure(entry, code);
  });
  await Promise.race([runtime.waitForPort(port, { timeoutMs: PORT_TIMEOUT_MS, signal, process: entry.process }), exited]);
  // Once listening, a later exit is a crash (watchCrashes); this copy must not reject unobserved.
  exited.catch(() => {});
}

async function runToEnd(entry: Started, signal: AbortSignal): Promise<void> {
  const code = await entry.process.exit;
  await entry.drained;
  throwIfAborted(signal);
  if (code !== 0) throw failure(entry, code);
}

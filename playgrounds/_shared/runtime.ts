// One interface in front of every way of running a playground, so the orchestrator (run.ts) does not care where
// Node runs: WebContainer in the reader's browser, the local runner on the reader's own machine, or real Node child
// processes (node-runtime.ts: the claim tests, the recorder, a standalone copy's `npm start`).
// It lives with the playgrounds because a standalone copy runs through it too; the site imports it from
// src/playground/runtime/types.ts. No `node:` imports: the page uses it.

/**
 * What a runtime itself says about a process, as a code and values rather than a sentence: the page words it in
 * its own language (src/client/describe-event.ts, the `output.notice.*` strings of src/i18n/ui.ts).
 */
export type ProcessNotice =
  | { code: 'start-failed'; values: { detail: string } }
  | { code: 'time-limit'; values: { seconds: number } }
  | { code: 'output-limit'; values: { bytes: number } }
  // It did not end when asked (a busy loop ignores kill() in WebContainer), so the runtime was torn down.
  | { code: 'restarted'; values: { seconds: number } };

/** A playground's files, flat (every file sits next to playground.json), as mounted and run. */
export type FileMap = Record<string, string>;

export type RuntimeKind = 'webcontainer' | 'local' | 'node';

export interface SpawnOptions {
  /** Added to the runtime's environment (ports, PLAYGROUND_PROCESS, a process's manifest `env`). */
  env?: Record<string, string>;
}

export interface WaitForPortOptions {
  timeoutMs: number;
  signal?: AbortSignal;
  /** The process expected to listen. */
  process?: RuntimeProcess;
}

export interface RuntimeProcess {
  /**
   * Everything the process writes, stdout and stderr merged (WebContainer cannot tell them apart, so no
   * adapter does), in chunks that may split lines; may contain terminal escapes. Between the chunks, in the
   * order they happened, the runtime's own notices about the process (the local runner's limits), as data.
   */
  readonly output: ReadableStream<string | ProcessNotice>;
  /** Resolves with the exit code once the process has ended, however it ended. */
  readonly exit: Promise<number>;
  /** Ends the process; safe to call more than once and after it has exited. */
  kill(): void;
}

export interface Runtime {
  readonly kind: RuntimeKind;
  /**
   * Gets the runtime ready; the first call does the work and later calls share it. Rejects with a
   * RuntimeError saying why (it never hangs: each adapter bounds its own wait).
   */
  boot(signal?: AbortSignal): Promise<void>;
  /** Writes `files` into `folder` (a playground id), replacing what an earlier mount put there. */
  mount(folder: string, files: FileMap): Promise<void>;
  /** Starts `argv` (`['node', 'server.ts']`) with `folder` as its working directory. */
  spawn(folder: string, argv: readonly string[], options?: SpawnOptions): Promise<RuntimeProcess>;
  /**
   * The ports to give a playground's servers in place of the manifest's: WebContainer's network is its
   * own, so they stay as they are; on the reader's machine the local runner hands out free ones.
   */
  ports(wanted: readonly number[]): Promise<number[]>;
  /**
   * Resolves once something listens on `port`; rejects with a RuntimeError on timeout or abort. With `process`,
   * only a port opened after that process was spawned counts, where the runtime can tell (WebContainer reports
   * port events; the local runner hands out fresh ports, so a stale listener cannot hold one).
   */
  waitForPort(port: number, options: WaitForPortOptions): Promise<void>;
  /** Kills every process this runtime started and releases it. */
  teardown(): Promise<void>;
}

/**
 * Why a runtime failed, as a code the island turns into a message in the page's language (src/i18n/ui.ts);
 * `detail` carries the technical text for the log.
 */
export type RuntimeErrorCode =
  | 'not-isolated' // the page is not cross-origin isolated: no SharedArrayBuffer
  | 'unsupported-browser'
  | 'boot-timeout' // boot() did not answer in time: offline, blocked domains, VPN, ad blocker
  | 'boot-stuck' // boot() got past loading StackBlitz's frame, then did not finish in time: slow, or blocked cookies
  | 'boot-failed' // boot() or the runtime reported an error
  | 'runner-unreachable' // no local runner at the configured address
  | 'runner-refused' // the runner said no (token, origin, limits)
  | 'port-in-use'
  | 'port-timeout' // a server never started listening
  | 'runtime-timeout' // a mount or a spawn got no answer in time (the runtime died under it)
  | 'aborted';

export class RuntimeError extends Error {
  override name = 'RuntimeError';
  readonly code: RuntimeErrorCode;
  readonly detail: string;
  constructor(code: RuntimeErrorCode, detail: string) {
    super(`${code}: ${detail}`);
    this.code = code;
    this.detail = detail;
  }
}

/** A syntax error the stripper found, with the file and line in the reader's terms. */
export class EditedCodeError extends Error {
  override name = 'EditedCodeError';
  readonly file: string;
  readonly line: number | undefined;
  readonly detail: string;
  constructor(file: string, line: number | undefined, detail: string) {
    super(`${file}${line === undefined ? '' : `:${line}`}: ${detail}`);
    this.file = file;
    this.line = line;
    this.detail = detail;
  }
}

/**
 * Waits for `promise` unless `signal` aborts first (then rejects with 'aborted'). The work itself goes on: a
 * shared boot one playground stops waiting for is still the page's boot for the others.
 */
export function abortable<T>(promise: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return promise;
  if (signal.aborted) return Promise.reject(new RuntimeError('aborted', 'stopped by the reader'));
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(new RuntimeError('aborted', 'stopped by the reader'));
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}

// The Runtime on real Node: each process a child of this one, run from a folder on disk. A standalone copy's
// `npm start` (launch.ts) runs through it, and so do the claim tests and the recorder
// (src/playground/runtime/node.ts adds a temp folder, a sandboxed HOME and the WebContainer compatibility
// profile), so they all run the playground with the same orchestrator (run.ts) as the page.
import { spawn as spawnChild, type ChildProcess } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import { connect, createServer } from 'node:net';
import { constants } from 'node:os';
import { join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { RuntimeError, type ProcessNotice, type Runtime, type RuntimeProcess } from './runtime.ts';

const POSIX = process.platform !== 'win32';
// How often to try a port that is not listening yet; starting Node takes tens of milliseconds.
const PORT_POLL_MS = 20;

export interface NodeRuntimeOptions {
  /** The folder a playground's folder is in (a spawn's `folder` is resolved against it). */
  root: string;
  /** Node's own flags for every process, before its script: TypeScript support, a `--import` profile. */
  execArgv?: readonly string[];
  /** The environment every process starts from; the run's own variables are added on top. */
  env?: NodeJS.ProcessEnv;
  /**
   * `as-given`: the manifest's ports, as the reader's own `npm start` expects (they can move them with
   * `<ID>_PORT`); `free`: the manifest's where free, else ones the OS picks, so tests can share the machine.
   */
  ports?: 'as-given' | 'free';
  /**
   * Wall-clock time a process may run before it is stopped with a `time-limit` notice, as the local runner does;
   * 0 for none (a reader's own `npm start` keeps its servers up until Ctrl-C).
   */
  timeLimitMs?: number;
  /** Between SIGTERM and SIGKILL. */
  killGraceMs?: number;
  /** Told how each process ended, by its PLAYGROUND_PROCESS id: a test checks that servers exit cleanly. */
  onExit?(id: string, exit: { code: number | null; signal: NodeJS.Signals | null }): void;
}

export function createNodeRuntime(options: NodeRuntimeOptions): Runtime {
  const children = new Set<ChildProcess>();
  const timeLimitMs = options.timeLimitMs ?? 60_000;
  const killGraceMs = options.killGraceMs ?? 5_000;
  return {
    kind: 'node',
    async boot() {},
    async mount(folder, files) {
      const dir = resolve(options.root, folder);
      await mkdir(dir, { recursive: true });
      await Promise.all(Object.entries(files).map(([name, contents]) => writeFile(join(dir, name), contents)));
    },
    async spawn(folder, argv, spawnOptions = {}) {
      const [, script, ...args] = argv;
      if (script === undefined) throw new RuntimeError('boot-failed', `nothing to run in ${argv.join(' ')}`);
      // argv[0] is "node": the same Node as this process, with the flags the caller chose.
      const child = spawnChild(process.execPath, [...(options.execArgv ?? []), script, ...args], {
        cwd: resolve(options.root, folder),
        env: { ...(options.env ?? process.env), ...spawnOptions.env },
        stdio: ['ignore', 'pipe', 'pipe'],
        // Its own process group, so SIGKILL reaches the cluster workers and child processes it started too.
        detached: POSIX,
        windowsHide: true,
      });
      children.add(child);
      return track(child, spawnOptions.env?.PLAYGROUND_PROCESS ?? script, { timeLimitMs, killGraceMs, onExit: options.onExit }, () =>
        children.delete(child),
      );
    },
    async ports(wanted) {
      if (options.ports !== 'free') {
        // Taken by something else, the port would pass waitForPort at once and the new server die of EADDRINUSE.
        for (const port of wanted) {
          if ((await listenOn(port)) === null) throw new RuntimeError('port-in-use', `port ${port} is already in use (move it with its <ID>_PORT variable)`);
        }
        return [...wanted];
      }
      const taken = new Set<number>();
      const ports: number[] = [];
      for (const port of wanted) ports.push(await choosePort(port, taken));
      return ports;
    },
    async waitForPort(port, { timeoutMs, signal }) {
      const deadline = Date.now() + timeoutMs;
      while (!(await acceptsConnection(port))) {
        if (signal?.aborted) throw new RuntimeError('aborted', 'stopped by the reader');
        if (Date.now() > deadline) throw new RuntimeError('port-timeout', `nothing listened on port ${port}`);
        await sleep(PORT_POLL_MS);
      }
    },
    async teardown() {
      for (const child of children) signalGroup(child, 'SIGKILL');
    },
  };
}

interface Limits {
  timeLimitMs: number;
  killGraceMs: number;
  onExit: NodeRuntimeOptions['onExit'];
}

/** A child as a RuntimeProcess: its stdout and stderr merged into one stream, with notices where they happened. */
function track(child: ChildProcess, id: string, limits: Limits, forget: () => void): RuntimeProcess {
  let push: (chunk: string | ProcessNotice) => void = () => {};
  let close: () => void = () => {};
  const output = new ReadableStream<string | ProcessNotice>({
    start(controller) {
      push = (chunk) => controller.enqueue(chunk);
      close = () => controller.close();
    },
  });
  const streamsEnded = [child.stdout, child.stderr].map(
    (stream) =>
      new Promise<void>((done) => {
        stream?.setEncoding('utf8');
        stream?.on('data', (chunk: string) => push(chunk));
        stream?.on('close', done);
      }),
  );
  let ended = false;
  let stopping = false;
  const stop = (notice?: ProcessNotice) => {
    // Once: a second SIGTERM would meet no handler (servers stop on the first) and cut their shutdown short.
    if (ended || stopping) return;
    stopping = true;
    if (notice) push(notice);
    child.kill('SIGTERM');
    setTimeout(() => signalGroup(child, 'SIGKILL'), limits.killGraceMs).unref();
  };
  const limit =
    limits.timeLimitMs > 0
      ? setTimeout(() => stop({ code: 'time-limit', values: { seconds: limits.timeLimitMs / 1000 } }), limits.timeLimitMs)
      : undefined;
  const exit = new Promise<number>((resolve) => {
    child.once('error', (error) => {
      push({ code: 'start-failed', values: { detail: error.message } });
      if (child.pid === undefined) {
        ended = true;
        clearTimeout(limit);
        forget();
        close();
        resolve(1);
      }
    });
    // 'close': the pipes are read to their end, so the last lines a process printed (its loop-delay window flushed
    // on SIGTERM) are in the stream before its exit is known.
    child.once('close', async (code, signal) => {
      // A process that never started has been dealt with above.
      if (ended) return;
      ended = true;
      clearTimeout(limit);
      forget();
      // Whatever it left running in its group (a cluster worker) goes with it.
      signalGroup(child, 'SIGKILL');
      await Promise.all(streamsEnded);
      close();
      limits.onExit?.(id, { code, signal });
      resolve(code ?? 128 + (signal ? constants.signals[signal] : 0));
    });
  });
  return { output, exit, kill: () => stop() };
}

function signalGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined) return;
  try {
    if (POSIX) process.kill(-child.pid, signal);
    else child.kill(signal);
  } catch {
    // ESRCH: the group is gone already.
  }
}

/** Whether something accepts a TCP connection on 127.0.0.1:port (the local runner asks the same way). */
export function acceptsConnection(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ port, host: '127.0.0.1' });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

function listenOn(port: number): Promise<number | null> {
  return new Promise((resolve) => {
    const probe = createServer();
    probe.once('error', () => resolve(null));
    probe.listen(port, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => resolve(typeof address === 'object' && address ? address.port : null));
    });
  });
}

/** The wanted port when it is free, else one the OS picks. */
async function choosePort(wanted: number, taken: Set<number>): Promise<number> {
  let port = taken.has(wanted) || wanted === 0 ? null : await listenOn(wanted);
  while (port === null || taken.has(port)) port = await listenOn(0);
  taken.add(port);
  return port;
}

import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { EditedCodeError } from '../../src/playground/javascript.ts';
import type { Manifest } from '../../src/playground/manifest.ts';
import { EXIT_GRACE_MS, ProcessExitedError, runPlayground, ServerCrashedError, type RunStep } from '../../src/playground/run.ts';
import { RuntimeError, type ProcessNotice, type Runtime, type RuntimeProcess } from '../../src/playground/runtime/types.ts';

// A runtime whose processes do what each test scripts: print lines (or raw chunks and notices), listen, exit.
interface Script {
  lines?: string[];
  raw?: Array<string | ProcessNotice>;
  exit?: number;
  /** When it exits on its own (5 ms after the spawn unless said). */
  exitAfterMs?: number;
  /** How long its output stays open after it exits (its last lines still on their way). */
  outputLagMs?: number;
  listens?: boolean;
  spawnDelayMs?: number;
  /** Like a busy loop in WebContainer: kill() does nothing; only a teardown that can end it does. */
  ignoresKill?: boolean;
}

interface FakeOptions {
  mountDelayMs?: number;
  /** What teardown() does to the processes still running: end them (as the WebContainer adapter does), or nothing. */
  teardownEnds?: boolean;
}

function fakeRuntime(scripts: Record<string, Script>, { mountDelayMs = 0, teardownEnds = true }: FakeOptions = {}) {
  const log: string[] = [];
  const listening = new Set<number>();
  const waiters = new Map<number, () => void>();
  const killed: string[] = [];
  const running = new Set<() => void>();
  const runtime: Runtime = {
    kind: 'local',
    async boot() { log.push('boot'); },
    async mount(folder) {
      log.push(`mount ${folder}`);
      await new Promise((resolve) => setTimeout(resolve, mountDelayMs));
    },
    async ports(wanted) { return wanted.map((port) => port + 1000); },
    async spawn(_folder, argv, options) {
      const file = argv[1] ?? '';
      const script = scripts[file] ?? {};
      log.push(`spawn ${file} PORT=${options?.env?.PORT ?? '-'}`);
      if (script.spawnDelayMs) await new Promise((resolve) => setTimeout(resolve, script.spawnDelayMs));
      let end: (code: number) => void = () => {};
      const exit = new Promise<number>((resolve) => (end = resolve));
      let close: () => void = () => {};
      const output = new ReadableStream<string | ProcessNotice>({
        start(controller) {
          for (const line of script.lines ?? []) controller.enqueue(`${line}\n`);
          for (const item of script.raw ?? []) controller.enqueue(item);
          close = () => { try { controller.close(); } catch { /* closed already */ } };
        },
      });
      const finish = () => { close(); end(137); };
      running.add(finish);
      void exit.then(() => running.delete(finish));
      const process: RuntimeProcess = {
        output,
        exit,
        kill() {
          killed.push(file);
          if (script.ignoresKill) return;
          close();
          end(143);
        },
      };
      const port = Number(options?.env?.PORT);
      if (script.listens && port) { listening.add(port); waiters.get(port)?.(); }
      if (script.exit !== undefined) {
        setTimeout(() => {
          end(script.exit!);
          setTimeout(close, script.outputLagMs ?? 0);
        }, script.exitAfterMs ?? 5);
      }
      return process;
    },
    waitForPort(port, { signal }) {
      if (listening.has(port)) return Promise.resolve();
      return new Promise((resolve, reject) => {
        waiters.set(port, resolve);
        signal?.addEventListener('abort', () => reject(new RuntimeError('aborted', 'stopped')));
      });
    },
    async teardown() {
      log.push('teardown');
      if (teardownEnds) running.forEach((finish) => finish());
    },
  };
  return { runtime, log, killed };
}

const manifest = {
  title: { en: 't', ja: 't' },
  claim: { en: 'c', ja: 'c' },
  main: 'server.ts',
  processes: [
    { id: 'blocking', label: { en: 'B', ja: 'B' }, command: ['node', 'server.ts'], port: 3001 },
    { id: 'report', label: { en: 'R', ja: 'R' }, command: ['node', 'report.ts'] },
  ],
  scenario: [{ path: '/health', count: 1 }],
} satisfies Manifest;

const input = { id: 'demo', manifest, files: {}, argv: (p: { command: string[] }) => p.command };
const event = (type: string, fields: object) => JSON.stringify({ v: 1, t: 1, proc: 'x', type, ...fields });

function collect() {
  const steps: RunStep[] = [];
  const text: string[] = [];
  const events: string[] = [];
  return {
    steps,
    text,
    events,
    on: {
      step: (s: RunStep) => steps.push(s),
      text: (p: string, t: string) => text.push(`${p}: ${t}`),
      event: (e: { type: string }) => events.push(e.type),
      notice: (p: string, n: ProcessNotice) => text.push(`${p}: <${n.code}>`),
    },
  };
}

/** Where a run stands, read without awaiting it: the tests below move the fake clock and look. */
const settled = (promise: Promise<unknown>) => {
  const state = { done: false, error: undefined as unknown };
  promise.then(() => (state.done = true), (error: unknown) => Object.assign(state, { done: true, error }));
  return state;
};

/** Runs every timer (the fake runtime's and the orchestrator's) in order on the fake clock, then hands back `run`. */
async function drive<T>(run: Promise<T>): Promise<T> {
  run.catch(() => {});
  await vi.runAllTimersAsync();
  return run;
}

// The fake runtime's delays (a 30 ms mount, an exit after 5 ms) and a Stop after 5 ms run on a fake clock: the
// order they fire in is the one the test describes, whatever else the machine is doing, and no test waits for real.
describe('runPlayground', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('boots, mounts, starts servers on the runtime’s ports, runs scripts, then fires the scenario', async () => {
    const { runtime, log, killed } = fakeRuntime({
      'server.ts': { listens: true, lines: [event('ready', { port: 4001, pid: 1 })] },
      'report.ts': { exit: 0, lines: ['hello'] },
      'load.ts': { exit: 0, lines: [event('done', { requests: 1 })] },
    });
    const c = collect();
    await drive(runPlayground(runtime, input, c.on, new AbortController().signal));
    expect(log).toEqual(['boot', 'mount demo', 'spawn server.ts PORT=4001', 'spawn report.ts PORT=-', 'spawn load.ts PORT=-']);
    expect(c.steps.map((s) => s.kind)).toEqual(['booting', 'mounting', 'starting', 'script', 'firing']);
    expect(c.events).toEqual(['ready', 'done']);
    expect(c.text).toEqual(['report: hello']);
    expect(killed).toContain('server.ts');
  });

  it('says which server died before listening, with its last lines', async () => {
    const { runtime } = fakeRuntime({ 'server.ts': { exit: 1, lines: ['Error: boom', '    at main (server.js:3:9)'] } });
    const error = await drive(runPlayground(runtime, input, collect().on, new AbortController().signal)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ProcessExitedError);
    expect(error).toMatchObject({ process: 'blocking', code: 1, lastLines: ['Error: boom', '    at main (server.js:3:9)'] });
  });

  it('turns a syntax error into the reader’s file and line', async () => {
    const { runtime } = fakeRuntime({
      'server.ts': { exit: 1, lines: ['file:///home/projects/demo/server.js:12', '  const = 1;', '        ^', '', 'SyntaxError: Unexpected token \'=\''] },
    });
    const error = await drive(runPlayground(runtime, input, collect().on, new AbortController().signal)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(EditedCodeError);
    expect(error).toMatchObject({ file: 'server.ts', line: 12 });
  });

  it('reads Node’s own type-stripping syntax error too', async () => {
    const { runtime } = fakeRuntime({
      'server.ts': { exit: 1, lines: ['file:///tmp/session/demo/server.ts:7', 'const b = ;', '          ^', '', 'SyntaxError [ERR_INVALID_TYPESCRIPT_SYNTAX]: Expression expected'] },
    });
    const error = await drive(runPlayground(runtime, input, collect().on, new AbortController().signal)).catch((e: unknown) => e);
    expect(error).toMatchObject({ file: 'server.ts', line: 7, detail: 'Expression expected' });
  });

  it('reports a port already in use', async () => {
    const { runtime } = fakeRuntime({ 'server.ts': { exit: 1, lines: ['Error: listen EADDRINUSE: address already in use 127.0.0.1:4001'] } });
    const error = await drive(runPlayground(runtime, input, collect().on, new AbortController().signal)).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'port-in-use' });
  });

  it('a failing script stops the run with its exit code', async () => {
    const { runtime, killed } = fakeRuntime({ 'server.ts': { listens: true }, 'report.ts': { exit: 2 } });
    const error = await drive(runPlayground(runtime, input, collect().on, new AbortController().signal)).catch((e: unknown) => e);
    expect(error).toMatchObject({ process: 'report', code: 2 });
    expect(killed).toContain('server.ts');
  });

  it('Stop while the files are being copied starts no process at all', async () => {
    const { runtime, log } = fakeRuntime({ 'server.ts': { listens: true } }, { mountDelayMs: 30 });
    const controller = new AbortController();
    const run = runPlayground(runtime, input, collect().on, controller.signal);
    setTimeout(() => controller.abort(), 5);
    await expect(drive(run)).rejects.toMatchObject({ code: 'aborted' });
    expect(log.filter((line) => line.startsWith('spawn'))).toEqual([]);
  });

  it('a server that fails while another is still starting leaves no process behind', async () => {
    const twoServers = {
      ...input,
      manifest: {
        ...manifest,
        processes: [
          { id: 'fast', label: { en: 'F', ja: 'F' }, command: ['node', 'fast.ts'], port: 3001 },
          { id: 'slow', label: { en: 'S', ja: 'S' }, command: ['node', 'slow.ts'], port: 3002 },
        ],
      },
    };
    const { runtime, killed } = fakeRuntime({ 'fast.ts': { exit: 1 }, 'slow.ts': { listens: true, spawnDelayMs: 40 } });
    await expect(drive(runPlayground(runtime, twoServers, collect().on, new AbortController().signal))).rejects.toMatchObject({ process: 'fast' });
    expect(killed).toContain('slow.ts');
  });

  it('Stop kills every process, even a server that never listens', async () => {
    const { runtime, killed } = fakeRuntime({ 'server.ts': {} });
    const controller = new AbortController();
    const run = runPlayground(runtime, input, collect().on, controller.signal);
    setTimeout(() => controller.abort(), 20);
    await expect(drive(run)).rejects.toMatchObject({ code: 'aborted' });
    expect(new Set(killed)).toEqual(new Set(['server.ts']));
  });

  it('a server that crashes after it started listening ends the run with its id and exit code, output kept', async () => {
    const { runtime } = fakeRuntime({
      'server.ts': { listens: true, lines: ['serving', 'Error: boom in a handler'], exit: 3, exitAfterMs: 30 },
      'report.ts': { exit: 0 },
      // The scenario would go on much longer: the crash must end the run, not the load client finishing.
      'load.ts': { exit: 0, exitAfterMs: 5_000 },
    });
    const c = collect();
    const run = settled(runPlayground(runtime, input, c.on, new AbortController().signal));
    // The crash comes at 30 ms. Over by 100 ms means it ended the run and the load client was killed at once:
    // waiting for that client would take until 5 s, and one that outlived the kills the grace of EXIT_GRACE_MS.
    await vi.advanceTimersByTimeAsync(100);
    expect(run.done).toBe(true);
    expect(run.error).toBeInstanceOf(ServerCrashedError);
    expect(run.error).toBeInstanceOf(ProcessExitedError);
    expect(run.error).toMatchObject({ process: 'blocking', code: 3, lastLines: ['serving', 'Error: boom in a handler'] });
    // No <restarted> notice: every process ended when killed, none had to be torn down.
    expect(c.text).toEqual(['blocking: serving', 'blocking: Error: boom in a handler']);
  });

  it('a server that crashes just before the last step ends, its output still arriving, is reported, not called done', async () => {
    const { runtime } = fakeRuntime({
      'server.ts': { listens: true, exit: 1, exitAfterMs: 30, outputLagMs: 200 },
      'report.ts': { exit: 0 },
      'load.ts': { exit: 0, exitAfterMs: 30 },
    });
    await expect(drive(runPlayground(runtime, input, collect().on, new AbortController().signal))).rejects.toMatchObject({
      name: 'ServerCrashedError',
      code: 1,
    });
  });

  it('the run ending (done, or Stop) is not a crash, though it ends every server', async () => {
    const { runtime, killed } = fakeRuntime({ 'server.ts': { listens: true }, 'report.ts': { exit: 0 }, 'load.ts': { exit: 0 } });
    await drive(runPlayground(runtime, input, collect().on, new AbortController().signal));
    expect(killed).toContain('server.ts');
    const stopped = fakeRuntime({ 'server.ts': { listens: true }, 'report.ts': { exit: 0 }, 'load.ts': { exit: 0, exitAfterMs: 5_000 } });
    const controller = new AbortController();
    const run = runPlayground(stopped.runtime, input, collect().on, controller.signal);
    setTimeout(() => controller.abort(), 30);
    await expect(drive(run)).rejects.toMatchObject({ code: 'aborted' });
  });

  it("passes the runtime's notices on in their place, after a partial line", async () => {
    const { runtime } = fakeRuntime({
      'server.ts': { listens: true },
      'report.ts': { exit: 0, raw: ['one\ntwo', { code: 'output-limit', values: { bytes: 10 } }] },
      'load.ts': { exit: 0 },
    });
    const c = collect();
    await drive(runPlayground(runtime, input, c.on, new AbortController().signal));
    expect(c.text).toEqual(['report: one', 'report: two', 'report: <output-limit>']);
  });
});

describe('runPlayground never hangs on its runtime', () => {
  afterEach(() => vi.useRealTimers());

  it('a process that ignores kill(): after the grace period the runtime is torn down and the reader told', async () => {
    vi.useFakeTimers();
    const { runtime, log } = fakeRuntime({ 'server.ts': { listens: true, ignoresKill: true }, 'report.ts': { exit: 0 }, 'load.ts': { exit: 0 } });
    const c = collect();
    const run = settled(runPlayground(runtime, input, c.on, new AbortController().signal));
    await vi.advanceTimersByTimeAsync(EXIT_GRACE_MS - 100);
    expect(run.done).toBe(false);
    expect(log).not.toContain('teardown');
    await vi.advanceTimersByTimeAsync(200);
    expect(run).toEqual({ done: true, error: undefined });
    expect(log.filter((line) => line === 'teardown')).toHaveLength(1);
    expect(c.text).toEqual(['blocking: <restarted>']);
  });

  it('Stop during a script that ignores kill() ends the run within the grace period, with one teardown', async () => {
    vi.useFakeTimers();
    const { runtime, log } = fakeRuntime({ 'server.ts': { listens: true }, 'report.ts': { ignoresKill: true } });
    const controller = new AbortController();
    const c = collect();
    const run = settled(runPlayground(runtime, input, c.on, controller.signal));
    await vi.advanceTimersByTimeAsync(100);
    controller.abort();
    await vi.advanceTimersByTimeAsync(EXIT_GRACE_MS + 100);
    expect(run.done).toBe(true);
    expect(run.error).toMatchObject({ code: 'aborted' });
    expect(log.filter((line) => line === 'teardown')).toHaveLength(1);
    expect(c.text).toEqual(['report: <restarted>']);
  });

  it('a teardown that cannot end the process is not waited on for ever either', async () => {
    vi.useFakeTimers();
    const { runtime } = fakeRuntime(
      { 'server.ts': { listens: true, ignoresKill: true }, 'report.ts': { exit: 0 }, 'load.ts': { exit: 0 } },
      { teardownEnds: false },
    );
    const run = settled(runPlayground(runtime, input, collect().on, new AbortController().signal));
    await vi.advanceTimersByTimeAsync(2 * EXIT_GRACE_MS + 100);
    expect(run).toEqual({ done: true, error: undefined });
  });

  it('a spawn that never answers fails the run with runtime-timeout, and what it starts late is killed', async () => {
    vi.useFakeTimers();
    const { runtime, killed } = fakeRuntime({ 'server.ts': { listens: true, spawnDelayMs: 60_000 }, 'report.ts': { exit: 0 } });
    const run = settled(runPlayground(runtime, input, collect().on, new AbortController().signal));
    await vi.advanceTimersByTimeAsync(25_000);
    expect(run.done).toBe(true);
    expect(run.error).toMatchObject({ code: 'runtime-timeout' });
    expect(killed).toEqual([]);
    await vi.advanceTimersByTimeAsync(40_000);
    expect(killed).toEqual(['server.ts']);
  });

  it('a mount that never answers fails the run with runtime-timeout; Stop ends the wait at once', async () => {
    vi.useFakeTimers();
    const slow = fakeRuntime({}, { mountDelayMs: 60_000 });
    const run = settled(runPlayground(slow.runtime, input, collect().on, new AbortController().signal));
    await vi.advanceTimersByTimeAsync(25_000);
    expect(run.error).toMatchObject({ code: 'runtime-timeout' });
    const controller = new AbortController();
    const stopped = settled(runPlayground(fakeRuntime({}, { mountDelayMs: 60_000 }).runtime, input, collect().on, controller.signal));
    await vi.advanceTimersByTimeAsync(10);
    controller.abort();
    await vi.advanceTimersByTimeAsync(10);
    expect(stopped.error).toMatchObject({ code: 'aborted' });
  });
});

// The page's adapter (src/playground/runtime/local.ts) against a real runner, from Node. Node's fetch sends no
// Origin header of its own, so the tests add the one a browser would.
import { createServer, type Server } from 'node:net';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createLocalRuntime, findLocalRunner, probeLocalRunner } from '../../src/playground/runtime/local.ts';
import { RuntimeError, type ProcessNotice, type Runtime } from '../../src/playground/runtime/types.ts';
import type { Runner } from '../../src/runner/server.ts';
import { alive, ORIGIN, startRunner } from './runner-helpers.ts';

const pageFetch: typeof fetch = (input, init = {}) => {
  const headers = new Headers(init.headers);
  headers.set('Origin', ORIGIN);
  return fetch(input, { ...init, headers });
};

type Output = ReadableStream<string | ProcessNotice>;

/** The text a process printed, with the runtime's notices as `<code>` marks in their places. */
async function readAll(output: Output): Promise<string> {
  let text = '';
  for await (const chunk of output as unknown as AsyncIterable<string | ProcessNotice>) {
    text += typeof chunk === 'string' ? chunk : `<${chunk.code}>`;
  }
  return text;
}

async function firstChunk(output: Output): Promise<{ chunk: string }> {
  const { value = '' } = await output.getReader().read();
  if (typeof value !== 'string') throw new Error(`expected text, got the notice ${value.code}`);
  return { chunk: value };
}

async function refusal(promise: Promise<unknown>): Promise<string> {
  const error = await promise.then(() => undefined, (caught: unknown) => caught);
  expect(error).toBeInstanceOf(RuntimeError);
  return (error as RuntimeError).code;
}

/** A server that accepts connections and never answers: only a caller's own timeout ends a wait on it. */
async function silentServer(): Promise<{ url: string; close(): void }> {
  const server: Server = createServer(() => {}).listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}`,
    close() {
      server.close();
      (server as unknown as { closeAllConnections?: () => void }).closeAllConnections?.();
    },
  };
}

/** `promise`'s value if it settles within `ms` (bounded by its own timeout, not by anything slower), else 'still waiting'. */
async function within<T>(ms: number, promise: Promise<T>): Promise<T | 'still waiting'> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<'still waiting'>((resolve) => (timer = setTimeout(resolve, ms, 'still waiting')));
  try {
    return await Promise.race([promise, late]);
  } finally {
    clearTimeout(timer);
  }
}

let runner: Runner | undefined;
let runtime: Runtime | undefined;
afterEach(async () => {
  await runtime?.teardown();
  await runner?.close();
  runner = runtime = undefined;
  vi.unstubAllGlobals();
});

async function boot(): Promise<Runtime> {
  runner = await startRunner();
  runtime = createLocalRuntime({ url: runner.url, token: runner.token }, { fetch: pageFetch });
  await runtime.boot();
  return runtime;
}

describe('createLocalRuntime', () => {
  it('mounts, runs a TypeScript file, and streams its output and exit code', async () => {
    const local = await boot();
    expect(local.kind).toBe('local');
    await local.mount('demo', { 'hello.ts': "const n: number = 2;\nconsole.log('one');\nconsole.log('two', n);\nprocess.exitCode = 3;\n" });
    const process = await local.spawn('demo', ['node', 'hello.ts']);
    expect(await readAll(process.output)).toContain('one\ntwo 2\n');
    expect(await process.exit).toBe(3);
  });

  it('hands out ports and waits for a server to listen on one', async () => {
    const local = await boot();
    expect(await local.ports([])).toEqual([]);
    const [port = 0] = await local.ports([3001]);
    expect(await refusal(local.waitForPort(port, { timeoutMs: 200 }))).toBe('port-timeout');
    await local.mount('demo', { 'server.ts': "import { createServer } from 'node:http';\ncreateServer((_q, s) => s.end('ok')).listen(Number(process.env.PORT), '127.0.0.1');\n" });
    await local.spawn('demo', ['node', 'server.ts'], { env: { PORT: String(port) } });
    await local.waitForPort(port, { timeoutMs: 10_000 });
    const aborted = new AbortController();
    aborted.abort();
    expect(await refusal(local.waitForPort(port, { timeoutMs: 1000, signal: aborted.signal }))).toBe('aborted');
  });

  it("passes the runner's notices on as data, in their place among the output", async () => {
    // Long enough for Node to start and print on two cores busy with other tests (300 ms was not, once).
    runner = await startRunner({ processMs: 1000 });
    runtime = createLocalRuntime({ url: runner.url, token: runner.token }, { fetch: pageFetch });
    await runtime.boot();
    await runtime.mount('demo', { 'forever.ts': "process.stdout.write('before');\nsetInterval(() => {}, 1000);\n" });
    const process = await runtime.spawn('demo', ['node', 'forever.ts']);
    const seen: Array<string | ProcessNotice> = [];
    for await (const item of process.output as unknown as AsyncIterable<string | ProcessNotice>) seen.push(item);
    expect(seen).toEqual(['before', { code: 'time-limit', values: { seconds: 1 } }]);
    expect(await process.exit).toBe(143);
  });

  it('kill() ends a long-running process, and is safe to repeat', async () => {
    const local = await boot();
    await local.mount('demo', { 'forever.ts': 'console.log(process.pid);\nsetInterval(() => {}, 1000);\n' });
    const process = await local.spawn('demo', ['node', 'forever.ts']);
    const { chunk } = await firstChunk(process.output);
    expect(alive(Number(chunk))).toBe(true);
    process.kill();
    process.kill();
    expect(await process.exit).toBe(143);
    process.kill();
  });

  it('teardown() kills every process and ends the session', async () => {
    const local = await boot();
    await local.mount('demo', { 'forever.ts': 'console.log(process.pid);\nsetInterval(() => {}, 1000);\n' });
    const processes = await Promise.all([local.spawn('demo', ['node', 'forever.ts']), local.spawn('demo', ['node', 'forever.ts'])]);
    const pids = await Promise.all(processes.map(async ({ output }) => Number((await firstChunk(output)).chunk)));
    await local.teardown();
    expect(await Promise.all(processes.map(({ exit }) => exit))).toEqual([143, 143]);
    expect(pids.some(alive)).toBe(false);
    // Released: the next boot starts a fresh session, which runs processes again.
    await local.boot();
    await local.mount('demo', { 'ok.ts': "console.log('again');\n" });
    expect(await readAll((await local.spawn('demo', ['node', 'ok.ts'])).output)).toBe('again\n');
  });

  it('boot() fails with runner-unreachable when nothing answers, in bounded time', async () => {
    const closed = createLocalRuntime({ url: 'http://127.0.0.1:9', token: 'x' }, { fetch: pageFetch });
    expect(await refusal(closed.boot())).toBe('runner-unreachable');
    // Accepts the connection, never answers: the boot timeout decides.
    const silent = await silentServer();
    const bootTimeoutMs = 200;
    const hanging = createLocalRuntime({ url: silent.url, token: 'x' }, { fetch: pageFetch, bootTimeoutMs });
    try {
      expect(await within(10 * bootTimeoutMs, refusal(hanging.boot()))).toBe('runner-unreachable');
    } finally {
      silent.close();
    }
  });

  it('boot(): one caller stopping does not stop another that shares the boot', async () => {
    runner = await startRunner();
    let answer!: () => void;
    const held = new Promise<void>((resolve) => (answer = resolve));
    // The runner's hello is held back, so both boots are in flight when the first caller stops.
    const heldFetch: typeof fetch = async (input, init) => {
      if (String(input).endsWith('/v1/hello')) await held;
      return pageFetch(input, init);
    };
    runtime = createLocalRuntime({ url: runner.url, token: runner.token }, { fetch: heldFetch });
    const a = new AbortController();
    const b = new AbortController();
    const first = refusal(runtime.boot(a.signal));
    const second = runtime.boot(b.signal);
    try {
      let firstEnded = false;
      void first.then(() => (firstEnded = true));
      a.abort();
      await new Promise((resolve) => setImmediate(resolve));
      expect(firstEnded).toBe(true); // A's own wait ended, while the shared boot still waits for the runner
    } finally {
      answer();
    }
    expect(await first).toBe('aborted');
    await second; // B was not stopped: the shared boot completes, and runs B's playground
    await runtime.mount('demo', { 'ok.ts': "console.log('b');\n" });
    expect(await readAll((await runtime.spawn('demo', ['node', 'ok.ts'])).output)).toBe('b\n');
  });

  it('boot(): a failed boot is not kept, and an old one failing late does not drop a newer one', async () => {
    runner = await startRunner();
    let down = true;
    let sessions = 0;
    let answer!: () => void;
    const held = new Promise<void>((resolve) => (answer = resolve));
    let holdNext = false;
    const flaky: typeof fetch = async (input, init) => {
      const url = String(input);
      if (url.endsWith('/v1/hello') && holdNext) {
        holdNext = false;
        await held;
        throw new TypeError('fetch failed');
      }
      if (down) throw new TypeError('fetch failed');
      if (url.endsWith('/v1/sessions') && init?.method === 'POST') sessions++;
      return pageFetch(input, init);
    };
    runtime = createLocalRuntime({ url: runner.url, token: runner.token }, { fetch: flaky });
    expect(await refusal(runtime.boot())).toBe('runner-unreachable');
    down = false;
    await runtime.boot(); // tried again, not the kept failure
    expect(sessions).toBe(1);
    // A boot held in flight, a teardown, and a newer boot; the old one then fails.
    await runtime.teardown();
    holdNext = true;
    const old = refusal(runtime.boot());
    const tearingDown = runtime.teardown();
    await runtime.boot();
    answer();
    expect(await old).toBe('runner-unreachable');
    await tearingDown;
    await runtime.mount('demo', { 'ok.ts': '1;\n' }); // still the newer session, not a third one
    expect(sessions).toBe(2);
  });

  it('boot() fails with runner-refused on a wrong token, and can be tried again', async () => {
    runner = await startRunner();
    const wrong = createLocalRuntime({ url: runner.url, token: 'wrong' }, { fetch: pageFetch });
    expect(await refusal(wrong.boot())).toBe('runner-refused');
    expect(await refusal(wrong.boot())).toBe('runner-refused');
    runtime = createLocalRuntime({ url: runner.url, token: runner.token }, { fetch: pageFetch });
    await runtime.boot();
  });
});

describe('probeLocalRunner', () => {
  it('says yes to a runner that answers its hello to this token', async () => {
    runner = await startRunner();
    expect(await probeLocalRunner({ url: runner.url, token: runner.token }, { fetch: pageFetch })).toBe(true);
  });

  it('says no to a wrong token, a closed port, and a server that is not ours', async () => {
    runner = await startRunner();
    expect(await probeLocalRunner({ url: runner.url, token: 'wrong' }, { fetch: pageFetch })).toBe(false);
    expect(await probeLocalRunner({ url: 'http://127.0.0.1:9', token: runner.token }, { fetch: pageFetch })).toBe(false);
    const notOurs: typeof fetch = async () => Response.json({ hello: 'world' });
    expect(await probeLocalRunner({ url: runner.url, token: runner.token }, { fetch: notOurs })).toBe(false);
  });

  it('says no within its timeout to a server that accepts and never answers', async () => {
    const silent = await silentServer();
    const timeoutMs = 200;
    try {
      expect(await within(10 * timeoutMs, probeLocalRunner({ url: silent.url, token: 'x' }, { fetch: pageFetch, timeoutMs }))).toBe(false);
    } finally {
      silent.close();
    }
  });
});

describe('findLocalRunner', () => {
  function stubPage(hash: string) {
    const stored = new Map<string, string>();
    const replaceState = vi.fn();
    vi.stubGlobal('location', { hash, pathname: '/en/event-loop/', search: '?q=1' });
    vi.stubGlobal('history', { state: null, replaceState });
    vi.stubGlobal('sessionStorage', {
      getItem: (key: string) => stored.get(key) ?? null,
      setItem: (key: string, value: string) => void stored.set(key, value),
    });
    return { replaceState, stored };
  }

  it('takes the runner from the fragment, keeps it for the tab, and removes it from the address', () => {
    const { replaceState } = stubPage(`#runner=${encodeURIComponent('http://127.0.0.1:4398')}&token=abc`);
    expect(findLocalRunner()).toEqual({ url: 'http://127.0.0.1:4398', token: 'abc' });
    expect(replaceState).toHaveBeenCalledWith(null, '', '/en/event-loop/?q=1');
    vi.stubGlobal('location', { hash: '', pathname: '/ja/event-loop/', search: '' });
    expect(findLocalRunner()).toEqual({ url: 'http://127.0.0.1:4398', token: 'abc' });
  });

  it('prefers what the dev server injected', () => {
    stubPage('');
    vi.stubGlobal('__ELL_RUNNER__', { url: 'http://127.0.0.1:5000', token: 't' });
    expect(findLocalRunner()).toEqual({ url: 'http://127.0.0.1:5000', token: 't' });
  });

  it('ignores a runner that is not on loopback, and finds none by default', () => {
    const { replaceState, stored } = stubPage(`#runner=${encodeURIComponent('https://evil.example')}&token=abc`);
    expect(findLocalRunner()).toBeNull();
    expect(replaceState).toHaveBeenCalled();
    expect(stored.size).toBe(0);
    stubPage('#section');
    expect(findLocalRunner()).toBeNull();
  });
});

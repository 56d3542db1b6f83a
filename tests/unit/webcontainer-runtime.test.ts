import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { isolationHeaders } from '../../src/isolation-headers.mjs';
import type { ProcessNotice, Runtime, RuntimeProcess } from '../../src/playground/runtime/types.ts';
import type { WebContainerLimits } from '../../src/playground/runtime/webcontainer.ts';
import { createFakeWebContainer, type FakeContainer } from './fake-webcontainer.ts';

// The WebContainer adapter against a fake `@webcontainer/api` (./fake-webcontainer.ts) that behaves as 1.6.4 does
// where it matters: its hidden frame, its boot lock, its key, processes that ignore kill(), calls that never
// answer. The adapter keeps the page's one instance at module level, so every test imports a fresh copy of it
// and gets a fresh fake. Limits are shrunk to milliseconds; the assertions are outcomes, not times.
const current = vi.hoisted(() => ({ fake: undefined as unknown as ReturnType<typeof createFakeWebContainer> }));
vi.mock('@webcontainer/api', () => ({
  WebContainer: { boot: (options: unknown) => current.fake.boot(options) },
  configureAPIKey: (key: string) => current.fake.configureAPIKey(key),
}));

const LIMITS: Partial<WebContainerLimits> = { bootMs: 150, callMs: 150, processMs: 150, killGraceMs: 50 };

let fake: ReturnType<typeof createFakeWebContainer>;
let runtime: Runtime;

async function freshAdapter(limits = LIMITS): Promise<Runtime> {
  vi.resetModules();
  const { createWebContainerRuntime } = await import('../../src/playground/runtime/webcontainer.ts');
  return createWebContainerRuntime(limits);
}

beforeEach(async () => {
  fake = current.fake = createFakeWebContainer();
  // WebContainer needs a cross-origin isolated page; Node has SharedArrayBuffer already.
  vi.stubGlobal('crossOriginIsolated', true);
  vi.stubGlobal('location', { hostname: 'localhost', origin: 'http://localhost:4321' });
  for (const [name, value] of Object.entries(fake.globals)) vi.stubGlobal(name, value);
  runtime = await freshAdapter();
});

afterEach(() => {
  vi.unstubAllGlobals();
  vi.unstubAllEnvs();
  vi.restoreAllMocks();
});

async function booted(): Promise<FakeContainer> {
  await runtime.boot();
  return fake.world.containers.at(-1)!;
}

/** A server spawned in `folder` that WebContainer then reports listening on `port`. */
async function listeningServer(container: FakeContainer, folder: string, port: number) {
  const server = await runtime.spawn(folder, ['node', 'server.js']);
  container.port(port, 'open');
  await runtime.waitForPort(port, { timeoutMs: 1000, process: server });
  return server;
}

const outcome = (promise: Promise<unknown>) =>
  promise.then(
    () => 'resolved',
    (error: { code?: string }) => error.code ?? String(error),
  );

/** What `promise` came to within `ms`, or 'pending': a hang fails the assertion instead of the test's timeout. */
const within = <T,>(promise: Promise<T>, ms = 1_000): Promise<{ value: T } | { error: unknown } | 'pending'> =>
  Promise.race([
    promise.then(
      (value) => ({ value }),
      (error: unknown) => ({ error }),
    ),
    new Promise<'pending'>((resolve) => setTimeout(() => resolve('pending'), ms)),
  ]);

/** Everything a process's output carries until it ends (or 'pending' if it never does): text and notice codes. */
async function readAll(process: RuntimeProcess): Promise<Array<string | ProcessNotice['code']> | 'pending'> {
  const items: Array<string | ProcessNotice['code']> = [];
  const reading = (async () => {
    for await (const item of process.output as unknown as AsyncIterable<string | ProcessNotice>) {
      items.push(typeof item === 'string' ? item : item.code);
    }
    return items;
  })();
  const result = await within(reading);
  return result === 'pending' ? 'pending' : items;
}

describe('the WebContainer adapter', () => {
  it("boots with the COEP mode of the site's own headers", async () => {
    await booted();
    expect(fake.boot).toHaveBeenCalledTimes(1);
    expect(fake.boot.mock.calls[0]?.[0]).toMatchObject({ coep: isolationHeaders['Cross-Origin-Embedder-Policy'] });
  });

  it('takes that mode from src/isolation-headers.mjs, so changing the headers changes the boot too', async () => {
    vi.doMock('../../src/isolation-headers.mjs', () => ({
      embedderPolicy: 'credentialless',
      isolationHeaders: { 'Cross-Origin-Embedder-Policy': 'credentialless' },
    }));
    try {
      await (await freshAdapter()).boot();
      expect(fake.boot.mock.calls[0]?.[0]).toMatchObject({ coep: 'credentialless' });
    } finally {
      vi.doUnmock('../../src/isolation-headers.mjs');
    }
  });

  it('pins Node 22 by its major only (.nvmrc at the root)', async () => {
    const container = await booted();
    expect(container.mount).toHaveBeenCalledWith({ '.nvmrc': { file: { contents: '22\n' } } });
  });

  it('on Run again, a port the previous server left open does not count for the new one', async () => {
    const container = await booted();
    await listeningServer(container, 'demo', 3301);
    // The old server's port is still open (its 'close' has not come): the new server must open it itself.
    const second = await runtime.spawn('demo', ['node', 'server.js']);
    expect(await outcome(runtime.waitForPort(3301, { timeoutMs: 50, process: second }))).toBe('port-timeout');
    const waiting = runtime.waitForPort(3301, { timeoutMs: 1000, process: second });
    container.port(3301, 'close');
    container.port(3301, 'open');
    expect(await outcome(waiting)).toBe('resolved');
  });

  it("two playgrounds on a page with the same port: the second does not take the first's server for its own", async () => {
    const container = await booted();
    await listeningServer(container, 'one', 3001);
    const b = await runtime.spawn('two', ['node', 'server.js']);
    // b dies with EADDRINUSE and never opens the port: its wait must not resolve on a's 'open'.
    expect(await outcome(runtime.waitForPort(3001, { timeoutMs: 50, process: b }))).toBe('port-timeout');
  });

  it('a closed port is not ready until it opens again', async () => {
    const container = await booted();
    const server = await runtime.spawn('demo', ['node', 'server.js']);
    container.port(3301, 'open');
    container.port(3301, 'close');
    expect(await outcome(runtime.waitForPort(3301, { timeoutMs: 50, process: server }))).toBe('port-timeout');
  });

  it('after an error, waits, mounts and spawns fail with it; the next Run tears the instance down and boots afresh', async () => {
    const broken = await booted();
    const server = await runtime.spawn('demo', ['node', 'server.js']);
    const waiting = runtime.waitForPort(3301, { timeoutMs: 5_000, process: server });
    broken.error('third-party storage is blocked');
    expect(await outcome(waiting)).toBe('boot-failed');
    expect(await outcome(runtime.mount('demo', { 'a.js': '1' }))).toBe('boot-failed');
    expect(await outcome(runtime.spawn('demo', ['node', 'server.js']))).toBe('boot-failed');
    expect(broken.spawn).toHaveBeenCalledTimes(1);

    const fresh = await booted();
    expect(fresh).not.toBe(broken);
    expect(broken.teardown).toHaveBeenCalledTimes(1);
    expect(fake.boot).toHaveBeenCalledTimes(2);
    await runtime.mount('demo', { 'a.js': '1' });
    await runtime.spawn('demo', ['node', 'a.js']);
    expect(fresh.mount).toHaveBeenCalledTimes(2);
    expect(fresh.spawn).toHaveBeenCalledTimes(1);
  });

  it('two playgrounds pressing Run after an error share one replacement boot', async () => {
    const broken = await booted();
    broken.error('boom');
    await Promise.all([runtime.boot(), runtime.boot()]);
    expect(fake.boot).toHaveBeenCalledTimes(2);
    expect(broken.teardown).toHaveBeenCalledTimes(1);
  });

  it('teardown() ends the instance, and the next boot() starts a new one', async () => {
    const first = await booted();
    await runtime.teardown();
    expect(first.teardown).toHaveBeenCalledTimes(1);
    expect(await booted()).not.toBe(first);
    expect(fake.boot).toHaveBeenCalledTimes(2);
  });

  it('a run whose instance was torn down under it fails, rather than spawn in an empty new one', async () => {
    await booted();
    await runtime.mount('demo', { 'server.js': '' });
    await runtime.teardown();
    expect(await outcome(runtime.spawn('demo', ['node', 'server.js']))).toBe('boot-failed');
    expect(fake.boot).toHaveBeenCalledTimes(1);
  });
});

describe('the API key (R1)', () => {
  it('passes PUBLIC_WEBCONTAINER_API_KEY to configureAPIKey before the first boot, and never again after it', async () => {
    vi.stubEnv('PUBLIC_WEBCONTAINER_API_KEY', 'wc_api_test');
    runtime = await freshAdapter();
    await booted();
    expect(fake.world.configuredKey).toBe('wc_api_test');
    // configureAPIKey throws once a boot was called: a reboot after teardown must not call it again.
    await runtime.teardown();
    expect(await outcome(runtime.boot())).toBe('resolved');
    expect(fake.configureAPIKey).toHaveBeenCalledTimes(1);
  });

  it('configures no key when the site was built without one', async () => {
    await booted();
    expect(fake.configureAPIKey).not.toHaveBeenCalled();
  });

  it("a boot timeout on a deployed origin tells the site's operator that a missing key is one cause; on localhost it does not", async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    fake.world.reachable = false;
    expect(await outcome(runtime.boot())).toBe('boot-timeout');
    expect(warn).not.toHaveBeenCalled();

    fake = current.fake = createFakeWebContainer();
    fake.world.reachable = false;
    for (const [name, value] of Object.entries(fake.globals)) vi.stubGlobal(name, value);
    vi.stubGlobal('location', { hostname: 'event-loop-lab.example', origin: 'https://event-loop-lab.example' });
    runtime = await freshAdapter();
    expect(await outcome(runtime.boot())).toBe('boot-timeout');
    expect(warn).toHaveBeenCalledTimes(1);
    expect(String(warn.mock.calls[0]?.[0])).toMatch(/https:\/\/event-loop-lab\.example.*PUBLIC_WEBCONTAINER_API_KEY/);
  });
});

describe('processes that do not stop (R2)', () => {
  it('past the time limit, a process is killed with a time-limit notice in its output, as the local runner does', async () => {
    await booted();
    const process = await runtime.spawn('demo', ['node', 'main.js']);
    fake.world.processes[0]!.print('working\n');
    expect(await readAll(process)).toEqual(['working\n', 'time-limit']);
    expect(fake.world.processes[0]!.kill).toHaveBeenCalled();
    expect(await within(process.exit)).toEqual({ value: 143 });
  });

  it('one that ignores kill() past its limit: the instance is torn down, its exit settles, it says so; the next boot is fresh', async () => {
    const first = await booted();
    fake.world.nextProcess = { ignoresKill: true };
    const spinning = await runtime.spawn('demo', ['node', 'main.js']);
    expect(await readAll(spinning)).toEqual(['time-limit', 'restarted']);
    expect(await within(spinning.exit)).toEqual({ value: 137 });
    expect(first.teardown).toHaveBeenCalledTimes(1);
    expect(await booted()).not.toBe(first);
    expect(fake.boot).toHaveBeenCalledTimes(2);
  });

  it('teardown() settles every exit of its instance, even of a process that ignores kill(), and ends its output', async () => {
    runtime = await freshAdapter({ ...LIMITS, processMs: 60_000 });
    await booted();
    fake.world.nextProcess = { ignoresKill: true };
    const spinning = await runtime.spawn('demo', ['node', 'main.js']);
    const other = await runtime.spawn('other', ['node', 'server.js']);
    spinning.kill();
    expect(await within(spinning.exit, 100)).toBe('pending');
    await runtime.teardown();
    expect(await within(spinning.exit)).toEqual({ value: 137 });
    expect(await within(other.exit)).toEqual({ value: 137 });
    expect(await readAll(spinning)).toEqual([]);
  });
});

describe('a boot that does not finish (R3)', () => {
  it('when the hidden frame never loaded, Run again loads it again, and the same boot finishes once StackBlitz answers', async () => {
    fake.world.reachable = false;
    expect(await outcome(runtime.boot())).toBe('boot-timeout');
    // Back online: without a reload of the page, the boot that waited for the frame goes on.
    fake.world.reachable = true;
    expect(await outcome(runtime.boot())).toBe('resolved');
    expect(fake.world.frameLoads).toBe(2);
    expect(fake.boot).toHaveBeenCalledTimes(1);
  });

  it('while the cause lasts, Run again ends in the same timeout instead of waiting forever', async () => {
    fake.world.reachable = false;
    expect(await outcome(runtime.boot())).toBe('boot-timeout');
    expect(await outcome(runtime.boot())).toBe('boot-timeout');
  });

  it('when the frame answered and the boot then stalled, it says so (a reload may be needed) and keeps the frame as it is', async () => {
    fake.world.bootHangs = true;
    expect(await outcome(runtime.boot())).toBe('boot-stuck');
    expect(await outcome(runtime.boot())).toBe('boot-stuck');
    expect(fake.world.frameLoads).toBe(1);
  });
});

describe('calls after boot (R4)', () => {
  it('a mount that gets no answer fails as runtime-timeout, and the next Run boots a new instance', async () => {
    const dead = await booted();
    fake.world.mountHangs = true;
    expect(await outcome(runtime.mount('demo', { 'a.js': '1' }))).toBe('runtime-timeout');
    expect(dead.teardown).toHaveBeenCalledTimes(1);
    fake.world.mountHangs = false;
    expect(await booted()).not.toBe(dead);
  });

  it('a spawn that gets no answer fails as runtime-timeout', async () => {
    await booted();
    fake.world.spawnHangs = true;
    expect(await outcome(runtime.spawn('demo', ['node', 'a.js']))).toBe('runtime-timeout');
  });

  it("after an error, nothing waits for the dead instance's processes: each exit settles with the error, each output ends", async () => {
    const broken = await booted();
    const server = await runtime.spawn('demo', ['node', 'server.js']);
    broken.error('storage is blocked');
    expect(await within(outcome(server.exit))).toEqual({ value: 'boot-failed' });
    expect(await readAll(server)).toEqual([]);
  });
});

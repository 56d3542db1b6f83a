import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { isolationHeaders } from '../../src/isolation-headers.mjs';
import type { Runtime } from '../../src/playground/runtime/types.ts';

// The WebContainer adapter against a fake WebContainer: `@webcontainer/api` is mocked, so its boot hands out
// fakes whose 'port' and 'error' events each test fires by hand. The adapter keeps the page's one instance at
// module level, so every test imports a fresh copy of it.
const boot = vi.hoisted(() => vi.fn());
vi.mock('@webcontainer/api', () => ({ WebContainer: { boot } }));

type Listener = (...args: unknown[]) => void;

function fakeContainer() {
  const listeners = new Map<string, Listener[]>();
  const fire = (event: string, ...args: unknown[]) => listeners.get(event)?.forEach((listener) => listener(...args));
  return {
    on(event: string, listener: Listener) {
      listeners.set(event, [...(listeners.get(event) ?? []), listener]);
      return () => {};
    },
    mount: vi.fn(async () => {}),
    fs: { rm: vi.fn(async () => {}), mkdir: vi.fn(async () => {}) },
    spawn: vi.fn(async () => ({ output: new ReadableStream<string>(), exit: new Promise<number>(() => {}), kill: vi.fn() })),
    teardown: vi.fn(),
    port: (port: number, type: 'open' | 'close') => fire('port', port, type, `http://localhost:${port}`),
    error: (message: string) => fire('error', { message }),
  };
}

let runtime: Runtime;

beforeEach(async () => {
  vi.resetModules();
  boot.mockReset();
  // WebContainer needs a cross-origin isolated page; Node has SharedArrayBuffer already.
  vi.stubGlobal('crossOriginIsolated', true);
  const { createWebContainerRuntime } = await import('../../src/playground/runtime/webcontainer.ts');
  runtime = createWebContainerRuntime();
});

afterEach(() => vi.unstubAllGlobals());

async function booted() {
  const container = fakeContainer();
  boot.mockResolvedValueOnce(container);
  await runtime.boot();
  return container;
}

/** A server spawned in `folder` that WebContainer then reports listening on `port`. */
async function listeningServer(container: ReturnType<typeof fakeContainer>, folder: string, port: number) {
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

describe('the WebContainer adapter', () => {
  it("boots with the COEP mode of the site's own headers", async () => {
    await booted();
    expect(boot).toHaveBeenCalledTimes(1);
    expect(boot.mock.calls[0]?.[0]).toMatchObject({ coep: isolationHeaders['Cross-Origin-Embedder-Policy'] });
  });

  it('takes that mode from src/isolation-headers.mjs, so changing the headers changes the boot too', async () => {
    vi.doMock('../../src/isolation-headers.mjs', () => ({
      embedderPolicy: 'credentialless',
      isolationHeaders: { 'Cross-Origin-Embedder-Policy': 'credentialless' },
    }));
    try {
      vi.resetModules();
      const { createWebContainerRuntime } = await import('../../src/playground/runtime/webcontainer.ts');
      boot.mockResolvedValueOnce(fakeContainer());
      await createWebContainerRuntime().boot();
      expect(boot.mock.calls[0]?.[0]).toMatchObject({ coep: 'credentialless' });
    } finally {
      vi.doUnmock('../../src/isolation-headers.mjs');
    }
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
    expect(broken.teardown).toHaveBeenCalledTimes(1);
    expect(boot).toHaveBeenCalledTimes(2);
    await runtime.mount('demo', { 'a.js': '1' });
    await runtime.spawn('demo', ['node', 'a.js']);
    expect(fresh.mount).toHaveBeenCalled();
    expect(fresh.spawn).toHaveBeenCalledTimes(1);
  });

  it('two playgrounds pressing Run after an error share one replacement boot', async () => {
    const broken = await booted();
    broken.error('boom');
    const fresh = fakeContainer();
    boot.mockResolvedValueOnce(fresh);
    await Promise.all([runtime.boot(), runtime.boot()]);
    expect(boot).toHaveBeenCalledTimes(2);
    expect(broken.teardown).toHaveBeenCalledTimes(1);
  });

  it('teardown() ends the instance, and the next boot() starts a new one', async () => {
    const first = await booted();
    await runtime.teardown();
    expect(first.teardown).toHaveBeenCalledTimes(1);
    await booted();
    expect(boot).toHaveBeenCalledTimes(2);
  });
});

// The Runtime in the reader's browser: StackBlitz's WebContainer, real Node compiled for the browser.
// Facts that shape this file (sources in shared/WEBCONTAINER.md):
//  - one instance per page; a second boot() throws, so every playground on a page shares one, each in its folder;
//  - boot() has no timeout of its own and hangs forever when its hidden iframe is blocked (offline, VPN, ad
//    blockers): we bound it; cookie/storage blocking arrives through on('error'); a page that is not
//    cross-origin isolated fails with a DataCloneError about SharedArrayBuffer;
//  - its `coep` option must match the page's COEP header, fixed at the first boot;
//  - its Node is 20 unless the root asks for 22 (.nvmrc), and runs the browser's JavaScript engine;
//  - a process's output merges stdout and stderr with terminal escapes (the event parser strips them).
import type { WebContainer, WebContainerProcess } from '@webcontainer/api';
import { embedderPolicy } from '../../isolation-headers.mjs';
import { abortable, RuntimeError, type FileMap, type Runtime, type RuntimeProcess, type SpawnOptions } from './types.ts';

export const BOOT_TIMEOUT_MS = 30_000;
// WebContainer picks Node 22 for a project whose root asks for it; 20 otherwise.
const ROOT_FILES = { '.nvmrc': { file: { contents: 'v22.22.0\n' } } };

interface Instance {
  container: WebContainer;
  /** Each open port and when it opened, on `clock`; a port leaves when WebContainer reports it closed. */
  openedAt: Map<number, number>;
  portWaiters: Set<() => void>;
  /**
   * An error WebContainer reported after boot (cookie or storage blocking), or this instance was torn down:
   * every later call on it fails with this, and the next boot() replaces it.
   */
  failure?: RuntimeError;
}

// Orders port events against spawns: a port a process listens on opens after that process was spawned. A counter,
// not a time, so two things in one millisecond still come in order.
let clock = 0;
const spawnedAt = new WeakMap<RuntimeProcess, number>();

// The one underlying boot of this page. Our timeout does not cancel it (nothing can): a boot that answers after
// a reader gave up is still the page's only instance, and a second WebContainer.boot() would throw. So the boot
// is kept until it settles; a Run that timed out waits on the same boot again next time. It is forgotten when it
// fails, and replaced when the instance it gave reported an error (teardown() then boot() is allowed since 1.1.6).
let underlying: Promise<Instance> | undefined;

/** Why this browser cannot run WebContainer at all, before trying; null when it may. */
export function webContainerBlocker(): RuntimeError | null {
  if (typeof SharedArrayBuffer === 'undefined' || !globalThis.crossOriginIsolated) {
    return new RuntimeError('not-isolated', 'this page is not cross-origin isolated, so SharedArrayBuffer is missing');
  }
  // StackBlitz supports Chromium and Firefox and Safari from 16.4; Safari before that lacks Atomics.waitAsync.
  // Firefox gained waitAsync only in 145 yet runs WebContainer, so only Safari is judged by it.
  const userAgent = globalThis.navigator?.userAgent ?? '';
  const safari = /Safari\//.test(userAgent) && !/Chrome|Chromium|CriOS|Edg|Firefox|FxiOS/.test(userAgent);
  if (safari && typeof (Atomics as { waitAsync?: unknown }).waitAsync !== 'function') {
    return new RuntimeError('unsupported-browser', 'Safari before 16.4 (no Atomics.waitAsync)');
  }
  return null;
}

/** Boots an instance, after tearing down the failed one it replaces, if any. */
function startBoot(replacing?: Instance): Promise<Instance> {
  const attempt: Promise<Instance> = Promise.resolve()
    .then(() => replacing && retire(replacing))
    .then(() => import('@webcontainer/api'))
    .then(({ WebContainer }) => WebContainer.boot({ coep: embedderPolicy, workdirName: 'event-loop-lab' }))
    .then(async (container) => {
      const instance: Instance = { container, openedAt: new Map(), portWaiters: new Set() };
      container.on('error', ({ message }) => {
        instance.failure = new RuntimeError('boot-failed', message);
        instance.portWaiters.forEach((wake) => wake());
      });
      container.on('port', (port, type) => {
        if (type === 'open') instance.openedAt.set(port, ++clock);
        else instance.openedAt.delete(port);
        instance.portWaiters.forEach((wake) => wake());
      });
      await container.mount(ROOT_FILES);
      return instance;
    })
    .catch((error: unknown) => {
      // Only a boot that really failed is forgotten, so the reader can fix the cause and press Run again.
      if (underlying === attempt) underlying = undefined;
      const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
      throw new RuntimeError(/DataCloneError|SharedArrayBuffer|crossOriginIsolated/.test(message) ? 'not-isolated' : 'boot-failed', message);
    });
  return attempt;
}

/** Ends an instance for good: its processes go with it, and whoever still holds it fails rather than waits. */
function retire(instance: Instance): void {
  instance.failure ??= new RuntimeError('boot-failed', 'the in-browser Node was torn down');
  instance.portWaiters.forEach((wake) => wake());
  try {
    instance.container.teardown();
  } catch {
    // Already gone with the error it reported.
  }
}

/** The page's instance, booting it on first use; one that failed is replaced, once, for everyone waiting. */
async function bootOnce(): Promise<Instance> {
  const pending = (underlying ??= startBoot());
  const instance = await pending;
  if (!instance.failure) return instance;
  if (underlying === pending) underlying = startBoot(instance);
  // Replaced by this call or another; or that replacement failed already, and this is a fresh try.
  return underlying ?? bootOnce();
}

/** The page's instance, or a RuntimeError saying why not within BOOT_TIMEOUT_MS (the boot itself goes on). */
function boot(): Promise<Instance> {
  const blocker = webContainerBlocker();
  if (blocker) return Promise.reject(blocker);
  return new Promise<Instance>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new RuntimeError('boot-timeout', `no answer from WebContainer within ${BOOT_TIMEOUT_MS / 1000} s`)),
      BOOT_TIMEOUT_MS,
    );
    bootOnce()
      .then(resolve, reject)
      .finally(() => clearTimeout(timer));
  });
}

function toTree(files: FileMap) {
  return Object.fromEntries(Object.entries(files).map(([name, contents]) => [name, { file: { contents } }]));
}

function wrap(process: WebContainerProcess): RuntimeProcess {
  let killed = false;
  return {
    output: process.output,
    exit: process.exit,
    kill() {
      if (killed) return;
      killed = true;
      process.kill();
    },
  };
}

/**
 * The instance the run in progress uses; never boots a replacement, which would have none of the run's files.
 * Fails with the instance's error once it has reported one.
 */
async function current(): Promise<Instance> {
  const instance = await (underlying ?? boot());
  if (instance.failure) throw instance.failure;
  return instance;
}

export function createWebContainerRuntime(): Runtime {
  return {
    kind: 'webcontainer',
    async boot(signal) {
      await abortable(boot(), signal);
    },
    async mount(folder, files) {
      const { container } = await current();
      await container.fs.rm(folder, { recursive: true, force: true });
      await container.fs.mkdir(folder, { recursive: true });
      await container.mount(toTree(files), { mountPoint: folder });
    },
    async spawn(folder, argv, options: SpawnOptions = {}) {
      const { container } = await current();
      const [command = 'node', ...args] = argv;
      const since = ++clock;
      const process = wrap(await container.spawn(command, args, { cwd: folder, env: options.env, output: true }));
      spawnedAt.set(process, since);
      return process;
    },
    async ports(wanted) {
      // Its network is its own: nothing else on the reader's machine holds these ports.
      return [...wanted];
    },
    async waitForPort(port, { timeoutMs, signal, process }) {
      const instance = await current();
      // Only a port opened after `process` was spawned is its own. On Run again, or when two playgrounds of the
      // page use the same port, an earlier server still holds it, and must not pass for a new one that could not
      // listen (EADDRINUSE): that one's exit is what the run should see.
      const since = (process && spawnedAt.get(process)) ?? 0;
      const ready = () => (instance.openedAt.get(port) ?? 0) > since;
      if (ready()) return;
      await new Promise<void>((resolve, reject) => {
        const done = (error?: RuntimeError) => {
          clearTimeout(timer);
          instance.portWaiters.delete(check);
          signal?.removeEventListener('abort', onAbort);
          if (error) reject(error);
          else resolve();
        };
        const check = () => (instance.failure ? done(instance.failure) : ready() && done());
        const onAbort = () => done(new RuntimeError('aborted', 'stopped by the reader'));
        const timer = setTimeout(() => done(new RuntimeError('port-timeout', `nothing listened on port ${port}`)), timeoutMs);
        instance.portWaiters.add(check);
        signal?.addEventListener('abort', onAbort, { once: true });
        check();
      });
    },
    async teardown() {
      // The instance is the page's, so this ends every playground's processes; the next boot() starts afresh.
      const pending = underlying;
      underlying = undefined;
      const instance = await pending?.catch(() => undefined);
      if (instance) retire(instance);
    },
  };
}

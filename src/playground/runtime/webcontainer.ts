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
import { abortable, RuntimeError, type FileMap, type Runtime, type RuntimeProcess, type SpawnOptions } from './types.ts';

export const BOOT_TIMEOUT_MS = 30_000;
// WebContainer picks Node 22 for a project whose root asks for it; 20 otherwise.
const ROOT_FILES = { '.nvmrc': { file: { contents: 'v22.22.0\n' } } };

interface Instance {
  container: WebContainer;
  openPorts: Set<number>;
  portWaiters: Set<() => void>;
  /** An internal error reported after boot (cookie or storage blocking): every later wait fails with it. */
  failure?: RuntimeError;
}

// The one underlying boot of this page. Our timeout does not cancel it (nothing can): a boot that answers after
// a reader gave up is still the page's only instance, and a second WebContainer.boot() would throw. So the boot
// is kept until it settles; a Run that timed out waits on the same boot again next time.
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

function bootOnce(): Promise<Instance> {
  underlying ??= import('@webcontainer/api')
    .then(({ WebContainer }) => WebContainer.boot({ coep: 'require-corp', workdirName: 'event-loop-lab' }))
    .then(async (container) => {
      const instance: Instance = { container, openPorts: new Set(), portWaiters: new Set() };
      container.on('error', ({ message }) => {
        instance.failure = new RuntimeError('boot-failed', message);
        instance.portWaiters.forEach((wake) => wake());
      });
      container.on('port', (port, type) => {
        if (type === 'open') instance.openPorts.add(port);
        else instance.openPorts.delete(port);
        instance.portWaiters.forEach((wake) => wake());
      });
      await container.mount(ROOT_FILES);
      return instance;
    })
    .catch((error: unknown) => {
      // Only a boot that really failed is forgotten, so the reader can fix the cause and press Run again.
      underlying = undefined;
      const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
      throw new RuntimeError(/DataCloneError|SharedArrayBuffer|crossOriginIsolated/.test(message) ? 'not-isolated' : 'boot-failed', message);
    });
  return underlying;
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

export function createWebContainerRuntime(): Runtime {
  const instance = () => boot();
  return {
    kind: 'webcontainer',
    async boot(signal) {
      await abortable(instance(), signal);
    },
    async mount(folder, files) {
      const { container } = await instance();
      await container.fs.rm(folder, { recursive: true, force: true });
      await container.fs.mkdir(folder, { recursive: true });
      await container.mount(toTree(files), { mountPoint: folder });
    },
    async spawn(folder, argv, options: SpawnOptions = {}) {
      const { container } = await instance();
      const [command = 'node', ...args] = argv;
      return wrap(await container.spawn(command, args, { cwd: folder, env: options.env, output: true }));
    },
    async ports(wanted) {
      // Its network is its own: nothing else on the reader's machine holds these ports.
      return [...wanted];
    },
    async waitForPort(port, { timeoutMs, signal }) {
      const current = await instance();
      const { openPorts, portWaiters } = current;
      if (current.failure) throw current.failure;
      if (openPorts.has(port)) return;
      await new Promise<void>((resolve, reject) => {
        const done = (error?: RuntimeError) => {
          clearTimeout(timer);
          portWaiters.delete(check);
          signal?.removeEventListener('abort', onAbort);
          if (error) reject(error);
          else resolve();
        };
        const check = () => (current.failure ? done(current.failure) : openPorts.has(port) && done());
        const onAbort = () => done(new RuntimeError('aborted', 'stopped by the reader'));
        const timer = setTimeout(() => done(new RuntimeError('port-timeout', `nothing listened on port ${port}`)), timeoutMs);
        portWaiters.add(check);
        signal?.addEventListener('abort', onAbort, { once: true });
      });
    },
    async teardown() {
      // Processes are killed by whoever started them; the instance stays for the page's other playgrounds.
    },
  };
}

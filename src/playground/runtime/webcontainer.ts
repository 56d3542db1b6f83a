// The Runtime in the reader's browser: StackBlitz's WebContainer, real Node compiled for the browser.
// Facts that shape this file (sources in shared/WEBCONTAINER.md):
//  - one instance per page; a second boot() throws, so every playground on a page shares one, each in its folder;
//  - boot() has no timeout of its own and hangs forever when its hidden iframe is blocked (offline, VPN, ad
//    blockers): we bound it, and ./headless-frame.ts tells a frame that never loaded (reload it, retry) from a
//    boot that stalled after it (only a page reload helps); cookie/storage blocking arrives through on('error');
//    a page that is not cross-origin isolated fails with a DataCloneError about SharedArrayBuffer;
//  - an origin other than localhost may need an API key, which must be configured before the first boot;
//  - its `coep` option must match the page's COEP header, fixed at the first boot;
//  - calls after boot (mount, spawn, a process's exit) go over a MessagePort with no timeout, and a busy process
//    ignores kill(): we bound the calls, and tearing the instance down is the kill that always works;
//  - its Node is 22 by default since March 2026; .nvmrc pins the major so an older default cannot creep back;
//  - it runs the browser's JavaScript engine, and a process's output merges stdout and stderr with terminal
//    escapes (the event parser strips them).
import type { WebContainer } from '@webcontainer/api';
import { embedderPolicy } from '../../isolation-headers.mjs';
import { DEFAULT_LIMITS } from '../../runner/limits.ts';
import { watchHeadlessFrame, type HeadlessFrame } from './headless-frame.ts';
import { abortable, RuntimeError, type FileMap, type Runtime, type RuntimeProcess, type SpawnOptions } from './types.ts';
import { KILLED_EXIT_CODE, wrapProcess, type ContainerProcess, type ProcessLimits } from './webcontainer-process.ts';

export interface WebContainerLimits extends ProcessLimits {
  /** How long a Run waits for the boot (the boot itself goes on: nothing can cancel it). */
  bootMs: number;
  /** How long a mount or a spawn may take before the instance counts as dead. */
  callMs: number;
}

const DEFAULT_WEBCONTAINER_LIMITS: WebContainerLimits = {
  // Bolt's figure too ("WebContainer took longer than 30s to boot").
  bootMs: 30_000,
  // Copying a playground's files takes tens of milliseconds (npm run bench); a call with no answer in 10 s has none
  // coming. Shorter than the orchestrator's own bound on calls (run.ts), so the dead instance is retired first.
  callMs: 10_000,
  processMs: DEFAULT_LIMITS.processMs,
  killGraceMs: DEFAULT_LIMITS.killGraceMs,
};

// Pins Node's major only: nobody documents whether an exact patch is honoured, and WebContainer moves patches itself.
const ROOT_FILES = { '.nvmrc': { file: { contents: '22\n' } } };

interface Instance {
  container: WebContainer;
  /** Each open port and when it opened, on `clock`; a port leaves when WebContainer reports it closed. */
  openedAt: Map<number, number>;
  portWaiters: Set<() => void>;
  /** Its processes that have not settled yet: whoever ends the instance settles them. */
  processes: Set<ContainerProcess>;
  /**
   * An error WebContainer reported after boot (cookie or storage blocking), or this instance was torn down:
   * every later call on it fails with this, and the next boot() replaces it.
   */
  failure?: RuntimeError;
  /** Rejects with `failure` once there is one, so a call in flight stops waiting for a dead instance. */
  failed: Promise<never>;
  fail(error: RuntimeError): void;
}

// Orders port events against spawns: a port a process listens on opens after that process was spawned. A counter,
// not a time, so two things in one millisecond still come in order.
let clock = 0;
const spawnedAt = new WeakMap<RuntimeProcess, number>();

// The one underlying boot of this page. Our timeout does not cancel it (nothing can): a boot that answers after
// a reader gave up is still the page's only instance, and a second WebContainer.boot() would wait behind it. So
// the boot is kept until it settles; a Run that timed out waits on the same boot again next time, after loading
// the hidden frame again if it never answered. It is forgotten when it fails, and replaced when the instance it
// gave reported an error or was torn down (teardown() then boot() is allowed since 1.1.6).
let underlying: Promise<Instance> | undefined;
let underlyingSettled = false;
// Some Run's wait for the current underlying boot ran out.
let waitTimedOut = false;
// Watched from the first boot on; the page has one frame, reused by every boot.
let frame: HeadlessFrame | undefined;
// configureAPIKey throws once any boot has been called, so it is called once, before the first.
let keyConfigured = false;

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

/** The key the site was built with (PUBLIC_WEBCONTAINER_API_KEY; README, "WebContainer licence"), if any. */
function apiKey(): string | undefined {
  // Written out in full so the build replaces it with the value (Vite inlines `import.meta.env.PUBLIC_*`).
  const key = (import.meta.env.PUBLIC_WEBCONTAINER_API_KEY as string | undefined)?.trim();
  return key ? key : undefined;
}

function newInstance(container: WebContainer): Instance {
  let reject!: (error: RuntimeError) => void;
  const failed = new Promise<never>((_resolve, rejectFailed) => (reject = rejectFailed));
  failed.catch(() => {});
  const instance: Instance = {
    container,
    openedAt: new Map(),
    portWaiters: new Set(),
    processes: new Set(),
    failed,
    fail(error) {
      if (instance.failure) return;
      instance.failure = error;
      reject(error);
      instance.portWaiters.forEach((wake) => wake());
    },
  };
  return instance;
}

/** Boots an instance, after tearing down the failed one it replaces, if any. */
function startBoot(replacing?: Instance): Promise<Instance> {
  underlyingSettled = false;
  waitTimedOut = false;
  const attempt: Promise<Instance> = Promise.resolve()
    .then(() => replacing && retire(replacing, { code: KILLED_EXIT_CODE }))
    .then(() => import('@webcontainer/api'))
    .then(({ WebContainer, configureAPIKey }) => {
      frame ??= watchHeadlessFrame();
      const key = apiKey();
      if (key && !keyConfigured) configureAPIKey(key);
      keyConfigured = true;
      return WebContainer.boot({ coep: embedderPolicy, workdirName: 'event-loop-lab' });
    })
    .then(async (container) => {
      const instance = newInstance(container);
      container.on('error', ({ message }) => {
        instance.fail(new RuntimeError('boot-failed', message));
        // Its processes went with it, and will never say so.
        abandonAll(instance, { error: instance.failure! });
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
    })
    .finally(() => {
      if (underlying === attempt) underlyingSettled = true;
    });
  return attempt;
}

function abandonAll(instance: Instance, outcome: Parameters<ContainerProcess['abandon']>[0], stuck?: { process: ContainerProcess; graceMs: number }): void {
  for (const process of instance.processes) {
    process.abandon(outcome, process === stuck?.process ? { code: 'restarted', values: { seconds: stuck.graceMs / 1000 } } : undefined);
  }
  instance.processes.clear();
}

/**
 * Ends an instance for good: its processes go with it (each settles with `outcome`; `stuck`, the one that would
 * not stop, says the instance was restarted for it), and whoever still holds it fails rather than waits.
 */
function retire(instance: Instance, outcome: Parameters<ContainerProcess['abandon']>[0], stuck?: { process: ContainerProcess; graceMs: number }): void {
  instance.fail(new RuntimeError('boot-failed', 'the in-browser Node was torn down'));
  abandonAll(instance, outcome, stuck);
  try {
    instance.container.teardown();
  } catch {
    // Already gone with the error it reported.
  }
}

/** Retires `instance` if it is still the page's, and forgets its boot so the next one starts afresh. */
async function retireCurrent(
  instance: Instance,
  outcome: Parameters<ContainerProcess['abandon']>[0],
  stuck?: { process: ContainerProcess; graceMs: number },
  why?: RuntimeError,
): Promise<void> {
  if (why) instance.fail(why);
  const pending = underlying;
  if (pending && (await pending.catch(() => undefined)) === instance && underlying === pending) underlying = undefined;
  retire(instance, outcome, stuck);
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

function isLocalhost(): boolean {
  const host = globalThis.location?.hostname ?? '';
  return host === 'localhost' || host.endsWith('.localhost') || host === '127.0.0.1' || host === '[::1]' || host === '::1';
}

/** The site's operator, not the reader, can fix a missing or unlisted key: the console is where they look. */
function warnOperator(limits: WebContainerLimits): void {
  if (isLocalhost()) return;
  const origin = globalThis.location?.origin ?? 'this origin';
  const seconds = limits.bootMs / 1000;
  console.warn(
    apiKey()
      ? `WebContainer did not boot within ${seconds} s on ${origin}. If this persists for every reader, check that ${origin} is on the allow-list of the WebContainer API key this site was built with (PUBLIC_WEBCONTAINER_API_KEY).`
      : `WebContainer did not boot within ${seconds} s on ${origin}. One cause: outside localhost, WebContainer may need a licensed API key with this origin on its allow-list; build the site with PUBLIC_WEBCONTAINER_API_KEY set (README, "WebContainer licence and API key").`,
  );
}

/** The page's instance, or a RuntimeError saying why not within `bootMs` (the boot itself goes on). */
function boot(limits: WebContainerLimits): Promise<Instance> {
  const blocker = webContainerBlocker();
  if (blocker) return Promise.reject(blocker);
  const booting = bootOnce();
  // An earlier Run gave up on this boot while its frame had not loaded: load it again, so a cause fixed since
  // (back online, a blocker relaxed) lets the same boot finish.
  if (waitTimedOut && !underlyingSettled && frame && !frame.answered) frame.reload();
  return new Promise<Instance>((resolve, reject) => {
    const timer = setTimeout(() => {
      waitTimedOut = true;
      warnOperator(limits);
      const seconds = limits.bootMs / 1000;
      reject(
        frame?.answered
          ? new RuntimeError('boot-stuck', `WebContainer's frame answered, but the boot did not finish within ${seconds} s`)
          : new RuntimeError('boot-timeout', `no answer from WebContainer within ${seconds} s`),
      );
    }, limits.bootMs);
    booting.then(resolve, reject).finally(() => clearTimeout(timer));
  });
}

function toTree(files: FileMap) {
  return Object.fromEntries(Object.entries(files).map(([name, contents]) => [name, { file: { contents } }]));
}

export function createWebContainerRuntime(overrides: Partial<WebContainerLimits> = {}): Runtime {
  const limits = { ...DEFAULT_WEBCONTAINER_LIMITS, ...overrides };

  /**
   * The instance the run in progress uses; never boots a replacement, which would have none of the run's files.
   * Fails with the instance's error once it has reported one.
   */
  async function current(): Promise<Instance> {
    // Torn down since this run booted (another playground's run ended with a teardown, or a call timed out):
    // booting here would give a new instance with none of the run's files.
    if (!underlying) throw new RuntimeError('boot-failed', 'the in-browser Node was shut down during this run');
    const instance = await underlying;
    if (instance.failure) throw instance.failure;
    return instance;
  }

  /**
   * `call` on `instance`, or its failure, or after `callMs` a RuntimeError: a call with no answer means the
   * instance is dead, so it is torn down and the next Run boots a new one.
   */
  async function bounded<T>(instance: Instance, what: string, call: () => Promise<T>): Promise<T> {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timedOut = new Promise<never>((_resolve, reject) => {
      timer = setTimeout(() => {
        const error = new RuntimeError('runtime-timeout', `${what} got no answer within ${limits.callMs / 1000} s`);
        void retireCurrent(instance, { code: KILLED_EXIT_CODE }, undefined, error);
        reject(error);
      }, limits.callMs);
    });
    try {
      return await Promise.race([call(), instance.failed, timedOut]);
    } finally {
      clearTimeout(timer);
    }
  }

  return {
    kind: 'webcontainer',
    async boot(signal) {
      await abortable(boot(limits), signal);
    },
    async mount(folder, files) {
      const instance = await current();
      const { container } = instance;
      await bounded(instance, 'mount', async () => {
        await container.fs.rm(folder, { recursive: true, force: true });
        await container.fs.mkdir(folder, { recursive: true });
        await container.mount(toTree(files), { mountPoint: folder });
      });
    },
    async spawn(folder, argv, options: SpawnOptions = {}) {
      const instance = await current();
      const [command = 'node', ...args] = argv;
      const since = ++clock;
      const spawning = instance.container.spawn(command, args, { cwd: folder, env: options.env, output: true });
      // One that starts after its spawn was given up on must not live on unseen.
      spawning.then((late) => instance.failure && late.kill(), () => {});
      const started = await bounded(instance, 'spawn', () => spawning);
      const process = wrapProcess(started, limits, (stuck) => {
        // It outlived its limit and ignored kill(): only tearing the instance down stops it.
        void retireCurrent(instance, { code: KILLED_EXIT_CODE }, { process: stuck, graceMs: limits.killGraceMs });
      });
      instance.processes.add(process);
      void process.exit.then(
        () => instance.processes.delete(process),
        () => instance.processes.delete(process),
      );
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
      // The instance is the page's, so this ends every playground's processes (each exit settles, even of one
      // that ignored kill()); the next boot() starts afresh. A boot still on its way has started nothing yet, and
      // is kept: forgetting it would make the next boot wait behind it and then find it already there.
      const pending = underlying;
      if (!pending || !underlyingSettled) return;
      underlying = undefined;
      const instance = await pending?.catch(() => undefined);
      if (instance) retire(instance, { code: KILLED_EXIT_CODE });
    },
  };
}

// A fake `@webcontainer/api` that behaves as 1.6.4 does where the adapter depends on it (its dist/index.js, and
// shared/WEBCONTAINER.md §2, §3, §10), so each test can put the adapter in one of the ways a real WebContainer
// fails: a hidden frame that never loads, a boot that stalls after it, calls that never answer, a process that
// ignores kill(), an instance that reports an error and takes its processes with it.
//  - boot() creates one hidden frame per page, caches the wait for its `init` message, and waits behind a lock
//    the previous boot holds until it settles; a second live instance throws.
//  - configureAPIKey() throws once any boot has been called.
//  - teardown() throws when called twice; after it, and after an 'error', the instance's processes never exit.
import { vi } from 'vitest';

type Listener = (...args: unknown[]) => void;
const never = new Promise<never>(() => {});
const ORIGIN = 'https://stackblitz.com';

export interface FakeProcessOptions {
  /** kill() does nothing, as for a process spinning in a loop (webcontainer-core#1121). */
  ignoresKill?: boolean;
}

export class FakeProcess {
  readonly output: ReadableStream<string>;
  readonly exit: Promise<number>;
  readonly kill = vi.fn(() => {
    if (!this.options.ignoresKill) this.end(143);
  });
  #controller!: ReadableStreamDefaultController<string>;
  #resolve!: (code: number) => void;
  #ended = false;
  readonly options: FakeProcessOptions;

  constructor(options: FakeProcessOptions) {
    this.options = options;
    this.output = new ReadableStream<string>({ start: (controller) => void (this.#controller = controller) });
    this.exit = new Promise<number>((resolve) => (this.#resolve = resolve));
  }

  print(text: string): void {
    if (!this.#ended) this.#controller.enqueue(text);
  }

  end(code: number): void {
    if (this.#ended) return;
    this.#ended = true;
    this.#controller.close();
    this.#resolve(code);
  }

  /** Its instance died: it will never say anything again, nor exit. */
  freeze(): void {
    this.#ended = true;
  }
}

export interface FakeWorld {
  /** Whether StackBlitz's frame loads and posts `init`; false is offline, a blocked domain or VPN. */
  reachable: boolean;
  /** The boot stalls after the frame answered (a download that never ends, storage that is blocked). */
  bootHangs: boolean;
  /** A mount into a folder or a spawn gets no answer (a dead MessagePort). */
  mountHangs: boolean;
  spawnHangs: boolean;
  /** How the next spawned processes behave. */
  nextProcess: FakeProcessOptions;
  configuredKey: string | undefined;
  /** How often the hidden frame has loaded (set up, or its src set again). */
  frameLoads: number;
  containers: FakeContainer[];
  processes: FakeProcess[];
}

export class FakeContainer {
  readonly listeners = new Map<string, Listener[]>();
  tornDown = false;
  readonly mount = vi.fn(async (_tree: unknown, options?: { mountPoint?: string }) => {
    if (options?.mountPoint && this.world.mountHangs) await never;
  });
  readonly fs = { rm: vi.fn(async () => {}), mkdir: vi.fn(async () => {}) };
  readonly spawn = vi.fn(async (_command: string, _args: string[], _options?: unknown) => {
    if (this.world.spawnHangs) await never;
    const process = new FakeProcess(this.world.nextProcess);
    this.world.processes.push(process);
    this.#processes.push(process);
    return process;
  });
  readonly teardown = vi.fn(() => {
    if (this.tornDown) throw new Error('WebContainer already torn down');
    this.tornDown = true;
    this.#processes.forEach((process) => process.freeze());
    this.onTeardown();
  });
  readonly #processes: FakeProcess[] = [];
  readonly world: FakeWorld;
  readonly onTeardown: () => void;

  constructor(world: FakeWorld, onTeardown: () => void) {
    this.world = world;
    this.onTeardown = onTeardown;
  }

  on(event: string, listener: Listener) {
    this.listeners.set(event, [...(this.listeners.get(event) ?? []), listener]);
    return () => {};
  }

  port(port: number, type: 'open' | 'close'): void {
    this.listeners.get('port')?.forEach((listener) => listener(port, type, `http://localhost:${port}`));
  }

  error(message: string): void {
    this.#processes.forEach((process) => process.freeze());
    this.listeners.get('error')?.forEach((listener) => listener({ message }));
  }
}

/** A fresh fake: the world a test sets up, and the module `@webcontainer/api` is mocked with. */
export function createFakeWebContainer() {
  const world: FakeWorld = {
    reachable: true,
    bootHangs: false,
    mountHangs: false,
    spawnHangs: false,
    nextProcess: {},
    configuredKey: undefined,
    frameLoads: 0,
    containers: [],
    processes: [],
  };
  let bootCalled = false;
  let frameAnswer: Promise<void> | undefined;
  let lock: Promise<void> | undefined;
  let live: FakeContainer | undefined;
  const events = new EventTarget();
  const frames: Array<{ src: string }> = [];

  /** The hidden frame, whose every load posts `init` if StackBlitz is reachable; boot caches the wait for one. */
  function openFrame(): Promise<void> {
    let src = `${ORIGIN}/headless?version=1.6.4${world.configuredKey ? `&client_id=${world.configuredKey}` : ''}`;
    const load = () => {
      world.frameLoads += 1;
      if (world.reachable) setTimeout(() => events.dispatchEvent(new MessageEvent('message', { origin: ORIGIN, data: { type: 'init' } })), 0);
    };
    frames.push({
      get src() {
        return src;
      },
      set src(value: string) {
        src = value;
        load();
      },
    });
    return new Promise<void>((resolve) => {
      events.addEventListener('message', (event) => {
        const { origin, data } = event as MessageEvent<{ type?: string }>;
        if (origin === ORIGIN && data.type === 'init') resolve();
      });
      load();
    });
  }

  const boot = vi.fn(async (_options?: unknown) => {
    bootCalled = true;
    while (lock) await lock;
    if (live) throw new Error('Only a single WebContainer instance can be booted');
    const attempt = (async () => {
      await (frameAnswer ??= openFrame());
      if (world.bootHangs) await never;
      const container = new FakeContainer(world, () => {
        if (live === container) live = undefined;
      });
      world.containers.push(container);
      return container;
    })();
    lock = attempt.then(
      () => {},
      () => {},
    );
    try {
      live = await attempt;
      return live;
    } finally {
      lock = undefined;
    }
  });

  const configureAPIKey = vi.fn((key: string) => {
    if (bootCalled) throw new Error('`configureAPIKey` should always be called before `WebContainer.boot`');
    world.configuredKey = key;
  });

  return {
    world,
    boot,
    configureAPIKey,
    module: { WebContainer: { boot }, configureAPIKey },
    /** The page around the frame: `window`'s message events and `document`'s iframes, as globals to stub. */
    globals: {
      addEventListener: events.addEventListener.bind(events),
      removeEventListener: events.removeEventListener.bind(events),
      document: { querySelectorAll: (selector: string) => (selector === 'iframe' ? frames : []) },
    },
  };
}

// Node-only: runs a playground for real, as its manifest says, from a materialised temp folder. The tests and the
// recorder use it; the local runner can too. Servers and upstreams start first (each awaited until its `ready`
// event), then the scripts one after another, then the load client fires the scenario; every line every process
// prints is collected, events parsed, the rest kept as text.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, mkdir, readdir, readFile, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLineReader, parseEventLine, type TraceEvent } from './events.ts';
import { javaScriptArgv, toJavaScript } from './javascript.ts';
import { materialise, type Playground } from './load-playground.ts';
import { profileExecArgv, type CompatProfile } from './runtime/profiles.ts';
import { processEnv, processRole, type ProcessSpec } from './scenario.ts';
import { stripTypes } from './strip-types.ts';

export interface ProcessExit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

export interface PlaygroundRun {
  events: TraceEvent[];
  /** Lines that were not events, by process: warnings, stack traces, a reader's console.log. */
  text: Array<{ proc: string; text: string }>;
  /** How each process ended: scripts by themselves, servers after SIGTERM. */
  exits: Record<string, ProcessExit>;
  /** Files created, changed or removed in the playground's folder, its HOME or its TMPDIR; should be none. */
  written: string[];
}

/**
 * How to run it besides "as written, in plain Node". (Kept apart from the rest so it can move with the runner.)
 * - `javascript`: the JavaScript twins WebContainer mounts (types stripped, local names renamed), run by their
 *   renamed argv, instead of the `.ts` files;
 * - `profile`: every process, its worker threads and cluster workers under a WebContainer compatibility profile.
 */
export interface RunOptions {
  profile?: CompatProfile;
  javascript?: boolean;
}

/** The playground as WebContainer gets it: every `.ts` file a `.js` twin. */
function javaScriptTwin(playground: Playground): Playground {
  const js = toJavaScript(Object.fromEntries(playground.files.map((file) => [file.path, file.contents])), stripTypes);
  return { ...playground, files: Object.entries(js).map(([path, contents]) => ({ path, contents, readOnly: true })) };
}

const READY_TIMEOUT_MS = 15_000;
const EXIT_TIMEOUT_MS = 30_000;
const STOP_TIMEOUT_MS = 5_000;

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

/** The manifest's port when it is free, else one the OS picks. */
async function choosePort(wanted: number, taken: Set<number>): Promise<number> {
  let port = taken.has(wanted) ? null : await listenOn(wanted);
  while (port === null || taken.has(port)) port = await listenOn(0);
  taken.add(port);
  return port;
}

/** Every file under `root` with its contents, to tell afterwards what a run wrote. */
async function snapshot(root: string): Promise<Map<string, string>> {
  const files = new Map<string, string>();
  for (const entry of await readdir(root, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const path = join(entry.parentPath, entry.name);
    files.set(path.slice(root.length + 1), await readFile(path, 'latin1'));
  }
  return files;
}

interface Running {
  spec: ProcessSpec;
  child: ChildProcess;
  exited: Promise<ProcessExit>;
}

export class RunningPlayground {
  readonly playground: Playground;
  /** The folder the processes run in: the materialised playground and nothing else. */
  readonly dir: string;
  /** HOME and TMPDIR of every process; a playground that writes nothing leaves them empty. */
  readonly sandbox: string;
  readonly ports = new Map<string, number>();
  readonly events: TraceEvent[] = [];
  readonly text: Array<{ proc: string; text: string }> = [];
  readonly exits: Record<string, ProcessExit> = {};
  #servers: Running[] = [];
  #before = new Map<string, string>();

  readonly #root: string;
  readonly #options: RunOptions;

  constructor(playground: Playground, root: string, options: RunOptions = {}) {
    this.playground = playground;
    this.#root = root;
    this.#options = options;
    this.dir = join(root, 'playground');
    this.sandbox = join(root, 'sandbox');
  }

  /** Remembers every file in the run's folders; `written()` compares against it. */
  async takeSnapshot(): Promise<void> {
    this.#before = await snapshot(this.#root);
  }

  async written(): Promise<string[]> {
    const after = await snapshot(this.#root);
    const paths = new Set([...this.#before.keys(), ...after.keys()]);
    return [...paths].filter((path) => this.#before.get(path) !== after.get(path)).sort();
  }

  /** Removes the temp folder the playground ran in. */
  async discard(): Promise<void> {
    await rm(this.#root, { recursive: true, force: true });
  }

  /** Starts every server and upstream and waits until each has said it is ready. */
  async startServers(): Promise<void> {
    const taken = new Set<number>();
    for (const spec of this.playground.manifest.processes) {
      if (spec.port !== undefined) this.ports.set(spec.id, await choosePort(spec.port, taken));
    }
    const servers = this.playground.manifest.processes.filter((spec) => processRole(spec) !== 'script');
    await Promise.all(servers.map((spec) => this.#startAndAwaitReady(spec)));
  }

  /** Runs each script to its end, one after another, as the launcher does. */
  async runScripts(): Promise<void> {
    for (const spec of this.playground.manifest.processes.filter((spec) => processRole(spec) === 'script')) {
      await this.#runToEnd(spec);
    }
  }

  /** Fires the scenario with the playground's own load client, as a reader's `npm run load` would. */
  async fireScenario(): Promise<void> {
    if ((this.playground.manifest.scenario ?? []).length === 0) return;
    await this.#runToEnd({ id: 'load', command: ['node', 'load.ts'] });
  }

  /** Sends SIGTERM to every server and waits for each to exit (SIGKILL after a grace period, recorded as such). */
  async stop(): Promise<void> {
    await Promise.all(
      this.#servers.map(async ({ spec, child, exited }) => {
        if (this.exits[spec.id] === undefined) child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS);
        await exited;
        clearTimeout(timer);
      }),
    );
  }

  #spawn(spec: ProcessSpec): Running {
    const { NODE_OPTIONS: _ignored, ...inherited } = process.env;
    const { profile, javascript } = this.#options;
    const argv = javascript ? javaScriptArgv(spec.command) : spec.command;
    const child = spawn(process.execPath, [...(profile ? profileExecArgv(profile) : []), ...argv.slice(1)], {
      cwd: this.dir,
      env: {
        ...inherited,
        HOME: join(this.sandbox, 'home'),
        TMPDIR: join(this.sandbox, 'tmp'),
        PLAYGROUND_EVENTS: '1',
        ...processEnv(spec, this.ports),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const streamsDone = [child.stdout, child.stderr].map(
      (stream) =>
        new Promise<void>((resolve) => {
          const lines = createLineReader();
          const take = (line: string) => {
            const parsed = parseEventLine(line);
            if (parsed.kind === 'event') this.events.push(parsed.event);
            else if (parsed.text.trim() !== '') this.text.push({ proc: spec.id, text: parsed.text });
          };
          stream.setEncoding('utf8');
          stream.on('data', (chunk: string) => lines.push(chunk).forEach(take));
          stream.on('end', () => {
            lines.flush().forEach(take);
            resolve();
          });
        }),
    );
    const exited = new Promise<ProcessExit>((resolve) =>
      child.on('exit', (code, signal) => resolve({ code, signal })),
    ).then(async (exit) => {
      await Promise.all(streamsDone);
      this.exits[spec.id] = exit;
      return exit;
    });
    return { spec, child, exited };
  }

  #output(id: string): string {
    return this.text
      .filter((line) => line.proc === id)
      .map((line) => line.text)
      .join('\n');
  }

  async #startAndAwaitReady(spec: ProcessSpec): Promise<void> {
    const running = this.#spawn(spec);
    // Registered before it is ready, so `stop()` ends it even when another server fails to start.
    this.#servers.push(running);
    const deadline = Date.now() + READY_TIMEOUT_MS;
    while (!this.events.some((event) => event.type === 'ready' && event.proc === spec.id)) {
      if (this.exits[spec.id] !== undefined || Date.now() > deadline) {
        running.child.kill('SIGKILL');
        throw new Error(`${this.playground.id}/${spec.id} never became ready:\n${this.#output(spec.id)}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  async #runToEnd(spec: ProcessSpec): Promise<void> {
    const { child, exited } = this.#spawn(spec);
    const timer = setTimeout(() => child.kill('SIGKILL'), EXIT_TIMEOUT_MS);
    const exit = await exited;
    clearTimeout(timer);
    if (exit.code !== 0) {
      throw new Error(`${this.playground.id}/${spec.id} exited with ${exit.code ?? exit.signal}:\n${this.#output(spec.id)}`);
    }
  }
}

/** Materialises the playground into a fresh temp folder and returns it ready to start. */
export async function preparePlayground(playground: Playground, options: RunOptions = {}): Promise<RunningPlayground> {
  const root = await mkdtemp(join(tmpdir(), `event-loop-lab-${playground.id}-`));
  const running = new RunningPlayground(playground, root, options);
  await materialise(options.javascript ? javaScriptTwin(playground) : playground, running.dir);
  await mkdir(join(running.sandbox, 'home'), { recursive: true });
  await mkdir(join(running.sandbox, 'tmp'), { recursive: true });
  await running.takeSnapshot();
  return running;
}

/** The whole run: servers, scripts, scenario, shutdown; the temp folder is removed afterwards. */
export async function runPlayground(playground: Playground, options: RunOptions = {}): Promise<PlaygroundRun> {
  const running = await preparePlayground(playground, options);
  try {
    await running.startServers();
    await running.runScripts();
    await running.fireScenario();
    await running.stop();
    return { events: running.events, text: running.text, exits: running.exits, written: await running.written() };
  } finally {
    await running.stop();
    await running.discard();
  }
}

// Node-only: runs a playground for real, through the same orchestrator as the page (run.ts), on the Node runtime
// (playgrounds/_shared/node-runtime.ts), from a fresh temp folder with HOME and TMPDIR inside it. The claim tests
// and the recorder use it. Options make the run what WebContainer runs: the JavaScript twins instead of the
// TypeScript, and the WebContainer compatibility profile preloaded into every process and thread.
import { mkdir, mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createNodeRuntime } from '../../../playgrounds/_shared/node-runtime.ts';
import type { TraceEvent } from '../events.ts';
import { javaScriptArgv, toJavaScript } from '../javascript.ts';
import type { Playground } from '../load-playground.ts';
import { runPlayground, type RunInput } from '../run.ts';
import { stripTypes } from '../strip-types.ts';
import { profileExecArgv, type CompatProfile } from './profiles.ts';
import type { FileMap, ProcessNotice } from './types.ts';

export interface ProcessExit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

export interface NodeRunOptions {
  /** Run the plain-JavaScript twins, the files WebContainer mounts, instead of the TypeScript. */
  javascript?: boolean;
  /** Impose WebContainer's limits on every process and worker thread (see profiles.ts). */
  profile?: CompatProfile;
  /** More Node flags for every process, after the profile's: a test's own `--import` that imposes one limit more. */
  nodeFlags?: readonly string[];
  /**
   * With the servers still up once every step has run: a test sends its own requests here. The run ends when it
   * resolves.
   */
  hold?(ports: ReadonlyMap<string, number>): Promise<void>;
}

export interface PlaygroundRun {
  events: TraceEvent[];
  /** Lines that were not events, by process: warnings, stack traces, a reader's console.log. */
  text: Array<{ proc: string; text: string }>;
  /** What the runtime said about a process (a limit it hit), by process. */
  notices: Array<{ proc: string; notice: ProcessNotice }>;
  /** How each process ended: scripts by themselves, servers after SIGTERM. */
  exits: Record<string, ProcessExit>;
  /** Files created, changed or removed in the playground's folder, its HOME or its TMPDIR; should be none. */
  written: string[];
}

// Real Node 22.12+ runs `.ts` files, but before 22.18 (23.6) only behind this flag.
const TYPE_FLAGS = process.features.typescript ? [] : ['--experimental-strip-types'];
const FOLDER = 'playground';

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

function changed(before: Map<string, string>, after: Map<string, string>): string[] {
  const paths = new Set([...before.keys(), ...after.keys()]);
  return [...paths].filter((path) => before.get(path) !== after.get(path)).sort();
}

/** The files and argv of a run: the TypeScript as it is, or its JavaScript twins. */
function runnableFiles(playground: Playground, javascript: boolean): { files: FileMap; argv: RunInput['argv'] } {
  const files = Object.fromEntries(playground.files.map((file) => [file.path, file.contents]));
  if (!javascript) return { files, argv: (spec) => [...spec.command] };
  return { files: toJavaScript(files, stripTypes), argv: (spec) => javaScriptArgv(spec.command) };
}

/** The whole run in a fresh temp folder, removed afterwards. Rejects as run.ts does when the run fails. */
export async function runInNode(playground: Playground, options: NodeRunOptions = {}): Promise<PlaygroundRun> {
  const root = await mkdtemp(join(tmpdir(), `event-loop-lab-${playground.id}-`));
  const sandbox = join(root, 'sandbox');
  try {
    const { files, argv } = runnableFiles(playground, options.javascript ?? false);
    await Promise.all([mkdir(join(sandbox, 'home'), { recursive: true }), mkdir(join(sandbox, 'tmp'), { recursive: true })]);
    const run: PlaygroundRun = { events: [], text: [], notices: [], exits: {}, written: [] };
    // Whatever the developer's shell set for Node (a debugger, a loader) is not the playground's.
    const { NODE_OPTIONS: _ignored, ...inherited } = process.env;
    const runtime = createNodeRuntime({
      root,
      execArgv: [...(options.javascript ? [] : TYPE_FLAGS), ...(options.profile ? profileExecArgv(options.profile) : []), ...(options.nodeFlags ?? [])],
      env: { ...inherited, HOME: join(sandbox, 'home'), TMPDIR: join(sandbox, 'tmp') },
      ports: 'free',
      onExit: (id, exit) => (run.exits[id] = exit),
    });
    await runtime.mount(FOLDER, files);
    const before = await snapshot(root);
    const input: RunInput = { id: FOLDER, manifest: playground.manifest, argv, hold: options.hold };
    await runPlayground(
      runtime,
      input,
      {
        step() {},
        event: (event) => run.events.push(event),
        text: (proc, text) => run.text.push({ proc, text }),
        notice: (proc, notice) => run.notices.push({ proc, notice }),
      },
      new AbortController().signal,
    );
    run.written = changed(before, await snapshot(root));
    return run;
  } finally {
    await rm(root, { recursive: true, force: true });
  }
}

// One playground process under the runner's rules: real Node, a minimal environment, its own process group
// (so the workers and children it starts die with it), its merged output kept up to a cap for late readers
// and passed to live ones, its wall-clock time bounded.
import { spawn, type ChildProcess } from 'node:child_process';
import { constants } from 'node:os';
import type { RunnerLimits } from './limits.ts';
import type { OutputLine, ProcessNotice } from './protocol.ts';

const POSIX = process.platform !== 'win32';

// Real Node 22.12+ runs `.ts` files, but before 22.18 (23.6) only behind this flag.
const TYPE_FLAGS = process.features.typescript ? [] : ['--experimental-strip-types'];

/**
 * The environment a playground starts from: enough to run, nothing of the developer's (tokens, keys, cloud
 * credentials live in environment variables). `home` is the session's own folder.
 */
export function playgroundEnv(home: string, requested: Record<string, string>): NodeJS.ProcessEnv {
  const base: NodeJS.ProcessEnv = { PATH: process.env.PATH ?? '', HOME: home, TMPDIR: home, LANG: process.env.LANG ?? 'C.UTF-8' };
  // Node on Windows needs SystemRoot to start (crypto, DNS); TEMP is its TMPDIR.
  if (!POSIX) Object.assign(base, { SystemRoot: process.env.SystemRoot, TEMP: home, TMP: home, USERPROFILE: home });
  return { ...base, ...requested };
}

export interface StartOptions {
  cwd: string;
  script: string;
  args: string[];
  env: NodeJS.ProcessEnv;
  limits: RunnerLimits;
  /** Node's own flags before the script, e.g. the WebContainer compatibility profile's `--import`. */
  nodeFlags?: readonly string[];
}

type Listener = (line: OutputLine) => void;

export class PlaygroundProcess {
  readonly id: string;
  /** Resolves with the exit code once the process and everything holding its output have ended. */
  readonly exited: Promise<number>;
  #child: ChildProcess;
  #limits: RunnerLimits;
  /** Output chunks and notices, in order, for readers that arrive late. */
  #kept: Array<{ chunk: string } | { notice: ProcessNotice }> = [];
  #bytes = 0;
  #capped = false;
  #exitCode: number | undefined;
  #listeners = new Set<Listener>();
  #timers: NodeJS.Timeout[] = [];

  constructor(id: string, options: StartOptions) {
    this.id = id;
    this.#limits = options.limits;
    this.#child = spawn(process.execPath, [...TYPE_FLAGS, ...(options.nodeFlags ?? []), '--', options.script, ...options.args], {
      cwd: options.cwd,
      env: options.env,
      stdio: ['ignore', 'pipe', 'pipe'],
      // Its own process group, so one signal to -pid reaches cluster workers and child processes too.
      detached: POSIX,
      windowsHide: true,
    });
    for (const stream of [this.#child.stdout, this.#child.stderr]) {
      stream?.setEncoding('utf8');
      stream?.on('data', (chunk: string) => this.#output(chunk));
    }
    this.exited = new Promise((resolve) => {
      // 'exit' comes when the leader ends; its children may still hold the output pipes open, so they go too.
      // One that left the group (setsid) would hold them forever: after the grace period the pipes are closed.
      this.#child.once('exit', () => {
        this.#signal('SIGKILL');
        const release = setTimeout(() => [this.#child.stdout, this.#child.stderr].forEach((s) => s?.destroy()), this.#limits.killGraceMs);
        this.#timers.push(release);
      });
      this.#child.once('error', (error) => {
        this.#notice({ code: 'start-failed', values: { detail: error.message } });
        if (this.#child.pid === undefined) resolve(this.#finish(1));
      });
      this.#child.once('close', (code, signal) => resolve(this.#finish(code ?? 128 + (signal ? constants.signals[signal] : 0))));
    });
    this.#timers.push(
      setTimeout(() => this.stop({ code: 'time-limit', values: { seconds: this.#limits.processMs / 1000 } }), this.#limits.processMs),
    );
  }

  get running(): boolean {
    return this.#exitCode === undefined;
  }

  /** Replays what was kept (adjacent chunks as one), then follows live; returns the unsubscribe. */
  subscribe(listener: Listener): () => void {
    let text = '';
    for (const line of this.#kept) {
      if ('chunk' in line) {
        text += line.chunk;
        continue;
      }
      if (text !== '') listener({ chunk: text });
      text = '';
      listener(line);
    }
    if (text !== '') listener({ chunk: text });
    if (this.#exitCode !== undefined) {
      listener({ exit: this.#exitCode });
      return () => {};
    }
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** SIGTERM to the whole group, SIGKILL after the grace period; harmless once it has ended. */
  stop(why?: ProcessNotice): void {
    if (!this.running) return;
    if (why !== undefined) this.#notice(why);
    this.#signal('SIGTERM');
    this.#timers.push(setTimeout(() => this.#signal('SIGKILL'), this.#limits.killGraceMs));
  }

  /** For the runner's own exit: no time for grace. */
  killNow(): void {
    if (this.running) this.#signal('SIGKILL');
  }

  #signal(signal: NodeJS.Signals): void {
    const pid = this.#child.pid;
    if (pid === undefined) return;
    try {
      if (POSIX) process.kill(-pid, signal);
      else this.#child.kill(signal);
    } catch {
      // ESRCH: the group is already gone.
    }
  }

  #output(chunk: string): void {
    if (this.#capped) return;
    this.#bytes += Buffer.byteLength(chunk);
    if (this.#bytes > this.#limits.outputBytes) {
      this.#capped = true;
      return this.#notice({ code: 'output-limit', values: { bytes: this.#limits.outputBytes } });
    }
    this.#kept.push({ chunk });
    this.#emit({ chunk });
  }

  /** The runner's own word about this process: data, so the page can say it in the reader's language. */
  #notice(notice: ProcessNotice): void {
    this.#kept.push({ notice });
    this.#emit({ notice });
  }

  #finish(code: number): number {
    if (this.#exitCode !== undefined) return this.#exitCode;
    this.#exitCode = code;
    this.#timers.forEach(clearTimeout);
    this.#emit({ exit: code });
    this.#listeners.clear();
    return code;
  }

  #emit(line: OutputLine): void {
    for (const listener of this.#listeners) listener(line);
  }
}

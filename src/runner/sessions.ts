// Sessions: one per page that pressed Run. Each owns a temp folder (its playgrounds' files, and HOME/TMPDIR
// for their processes) and a process table, within caps; each lives only while the page holds its lease.
import { randomUUID } from 'node:crypto';
import { lstat, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative, isAbsolute } from 'node:path';
import { HttpError } from './http.ts';
import type { RunnerLimits } from './limits.ts';
import { PlaygroundProcess, playgroundEnv } from './process.ts';
import type { OutputLine } from './protocol.ts';
import type { SpawnRequest } from './validate.ts';

type Watcher = (process: string, line: OutputLine) => void;

export class Session {
  readonly id = randomUUID();
  /** Removed with the session; nothing outside it is written by the runner. */
  readonly dir: string;
  #limits: RunnerLimits;
  #onExpire: () => void;
  #folders = new Set<string>();
  #processes = new Map<string, PlaygroundProcess>();
  #nextProcess = 1;
  #watchers = new Set<{ watcher: Watcher; ended: () => void; unsubscribe: Array<() => void> }>();
  #leases = 0;
  #expiry: NodeJS.Timeout | undefined;
  #closed = false;
  /** Mounts and spawns under way: close() waits for them before it stops processes and removes the folder. */
  #busy = new Set<Promise<unknown>>();

  readonly #nodeFlags: readonly string[];

  constructor(dir: string, limits: RunnerLimits, nodeFlags: readonly string[], onExpire: () => void) {
    this.#nodeFlags = nodeFlags;
    this.dir = dir;
    this.#limits = limits;
    this.#onExpire = onExpire;
    this.#startExpiry();
  }

  get home(): string {
    return join(this.dir, 'home');
  }

  /** Where a folder's files go; the names are already allow-listed, this is the second lock on the door. */
  #folderPath(folder: string): string {
    const path = join(this.dir, 'folders', folder);
    const inside = relative(join(this.dir, 'folders'), path);
    if (inside === '' || inside.startsWith('..') || isAbsolute(inside)) throw new HttpError(400, 'bad-name', 'folder outside the session');
    return path;
  }

  /**
   * Replaces the folder's files. Writes refuse to follow anything already there (a link a process left).
   * Refused once the session has closed, also when it closes part-way (DELETE or the lease running out while
   * the request body was read, or between two writes): nothing is written under a folder being removed.
   */
  mount(folder: string, files: Map<string, string>): Promise<void> {
    return this.#whileOpen(async () => {
      if (!this.#folders.has(folder) && this.#folders.size >= this.#limits.folders) {
        throw new HttpError(429, 'too-many-folders', `a session holds at most ${this.#limits.folders} folders`);
      }
      const path = this.#folderPath(folder);
      this.#folders.add(folder);
      await rm(path, { recursive: true, force: true });
      this.#checkOpen();
      await mkdir(path, { recursive: true });
      this.#checkOpen();
      for (const [name, text] of files) {
        await writeFile(join(path, name), text, { flag: 'wx' });
        this.#checkOpen();
      }
    });
  }

  /**
   * Starts `node <script>` in the folder. Refused once the session has closed, also when it closes while the
   * script is looked up. From that last check to the process being in the table nothing awaits, and close()
   * waits for spawns under way before it stops every process in the table: none outlives its session.
   */
  spawn(request: SpawnRequest): Promise<PlaygroundProcess> {
    return this.#whileOpen(async () => {
      const live = [...this.#processes.values()].filter((process) => process.running);
      if (live.length >= this.#limits.liveProcesses) {
        throw new HttpError(429, 'too-many-processes', `a session runs at most ${this.#limits.liveProcesses} processes at once`);
      }
      const cwd = this.#folderPath(request.folder);
      const script = await lstat(join(cwd, request.script)).catch(() => undefined);
      this.#checkOpen();
      if (!this.#folders.has(request.folder) || !script?.isFile()) {
        throw new HttpError(404, 'no-such-file', `${request.folder}/${request.script} was not mounted`);
      }
      const id = `p${this.#nextProcess++}`;
      const process = new PlaygroundProcess(id, {
        cwd,
        script: request.script,
        args: request.args,
        env: playgroundEnv(this.home, request.env),
        limits: this.#limits,
        nodeFlags: this.#nodeFlags,
      });
      this.#processes.set(id, process);
      for (const entry of this.#watchers) entry.unsubscribe.push(process.subscribe((line) => entry.watcher(id, line)));
      void process.exited.then(() => this.#forgetFinished());
      return process;
    });
  }

  process(id: string): PlaygroundProcess {
    const process = this.#processes.get(id);
    if (!process) throw new HttpError(404, 'no-such-process', `no process ${id} in this session`);
    return process;
  }

  /**
   * Every process's output, from the start, then live; `ended` is called once the session has closed (after
   * every exit was passed on). Returns the unsubscribe.
   */
  watch(watcher: Watcher, ended: () => void): () => void {
    const entry = { watcher, ended, unsubscribe: [] as Array<() => void> };
    for (const [id, process] of this.#processes) entry.unsubscribe.push(process.subscribe((line) => watcher(id, line)));
    this.#watchers.add(entry);
    return () => {
      entry.unsubscribe.forEach((unsubscribe) => unsubscribe());
      this.#watchers.delete(entry);
    };
  }

  /** The page holds the session alive with an open lease; returns its release. */
  hold(): () => void {
    this.#leases++;
    clearTimeout(this.#expiry);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      if (--this.#leases === 0) this.#startExpiry();
    };
  }

  /** Kills every process (their groups too), waits for them, removes the folder. */
  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    clearTimeout(this.#expiry);
    // Mounts and spawns under way give up at their next step (#checkOpen); a process one of them started
    // before that is in the table by the time they settle, and is stopped with the rest.
    await Promise.all(this.#busy);
    const processes = [...this.#processes.values()];
    processes.forEach((process) => process.stop());
    await Promise.all(processes.map((process) => process.exited));
    for (const { ended } of this.#watchers) ended();
    this.#watchers.clear();
    await rm(this.dir, { recursive: true, force: true });
  }

  killNow(): void {
    for (const process of this.#processes.values()) process.killNow();
  }

  /**
   * The same answer as for a session the table never had: the page cannot tell the two apart, and a session
   * that closed while a request was under way is as gone as one closed before it arrived.
   */
  #checkOpen(): void {
    if (this.#closed) throw new HttpError(404, 'no-such-session', `session ${this.id} was closed`);
  }

  async #whileOpen<T>(work: () => Promise<T>): Promise<T> {
    this.#checkOpen();
    const running = work();
    const settled = running.then(
      () => {},
      () => {},
    );
    this.#busy.add(settled);
    try {
      return await running;
    } finally {
      this.#busy.delete(settled);
    }
  }

  #startExpiry(): void {
    if (this.#closed) return;
    this.#expiry = setTimeout(this.#onExpire, this.#limits.leaseGraceMs);
  }

  // Finished processes keep their output for late readers, but only the newest few.
  #forgetFinished(): void {
    const finished = [...this.#processes].filter(([, process]) => !process.running);
    for (const [id] of finished.slice(0, Math.max(0, finished.length - this.#limits.finishedProcesses))) {
      this.#processes.delete(id);
    }
  }
}

export class SessionTable {
  #limits: RunnerLimits;
  #sessions = new Map<string, Session>();
  #creating = 0;

  readonly #nodeFlags: readonly string[];

  constructor(limits: RunnerLimits, nodeFlags: readonly string[] = []) {
    this.#limits = limits;
    this.#nodeFlags = nodeFlags;
  }

  async create(): Promise<Session> {
    if (this.#sessions.size + this.#creating >= this.#limits.sessions) {
      throw new HttpError(429, 'too-many-sessions', `at most ${this.#limits.sessions} sessions at once`);
    }
    this.#creating++;
    try {
      const dir = await mkdtemp(join(tmpdir(), 'event-loop-lab-runner-'));
      await mkdir(join(dir, 'home'));
      const session: Session = new Session(dir, this.#limits, this.#nodeFlags, () => void this.close(session.id));
      this.#sessions.set(session.id, session);
      return session;
    } finally {
      this.#creating--;
    }
  }

  get(id: string): Session {
    const session = this.#sessions.get(id);
    if (!session) throw new HttpError(404, 'no-such-session', `no session ${id}`);
    return session;
  }

  async close(id: string): Promise<void> {
    const session = this.#sessions.get(id);
    if (!session) return;
    this.#sessions.delete(id);
    await session.close();
  }

  async closeAll(): Promise<void> {
    await Promise.all([...this.#sessions.keys()].map((id) => this.close(id)));
  }

  /** For process exit, when nothing asynchronous runs any more: SIGKILL every group, synchronously. */
  killNow(): void {
    for (const session of this.#sessions.values()) session.killNow();
  }
}

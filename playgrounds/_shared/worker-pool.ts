// A fixed set of worker threads that take jobs in turn: the Node counterpart of a thread pool such as FastAPI's
// `run_in_threadpool`. Each worker runs its own event loop on its own thread, so a job that blocks or burns CPU there
// leaves the main thread's event loop free.
//
// A worker file calls `takeJobs(work)`; the pool posts `{ id, input }` and gets back `{ id, output }` or `{ id, error }`.
import { parentPort, Worker } from 'node:worker_threads';

interface Job {
  id: number;
  input: unknown;
  resolve: (output: unknown) => void;
  reject: (error: Error) => void;
}

interface Reply {
  id: number;
  output?: unknown;
  error?: string;
}

export class WorkerPool {
  #idle: Worker[] = [];
  #queue: Job[] = [];
  #running = new Map<Worker, Job>();
  #nextId = 0;
  /** Set when a worker dies (it could not load its file, say): then no job can be trusted to run. */
  #broken: Error | undefined;

  constructor(file: URL, size: number) {
    for (let i = 0; i < size; i++) {
      const worker = new Worker(file);
      worker.on('message', (reply: Reply) => this.#finish(worker, reply));
      worker.on('error', (error) => this.#break(worker, error));
      // Idle workers must not keep the process alive once the server has closed.
      worker.unref();
      this.#idle.push(worker);
    }
  }

  /** Runs one job on the next free worker; jobs wait in line when every worker is busy. */
  run<T>(input: unknown): Promise<T> {
    if (this.#broken) return Promise.reject(this.#broken);
    return new Promise<T>((resolve, reject) => {
      this.#queue.push({ id: this.#nextId++, input, resolve: resolve as (output: unknown) => void, reject });
      this.#dispatch();
    });
  }

  #dispatch(): void {
    while (this.#idle.length > 0 && this.#queue.length > 0) {
      const worker = this.#idle.pop()!;
      const job = this.#queue.shift()!;
      this.#running.set(worker, job);
      worker.postMessage({ id: job.id, input: job.input });
    }
  }

  #break(worker: Worker, error: Error): void {
    this.#broken ??= error;
    this.#running.get(worker)?.reject(error);
    this.#running.delete(worker);
    for (const job of this.#queue.splice(0)) job.reject(error);
  }

  #finish(worker: Worker, reply: Reply): void {
    const job = this.#running.get(worker);
    this.#running.delete(worker);
    this.#idle.push(worker);
    if (job) {
      if (reply.error === undefined) job.resolve(reply.output);
      else job.reject(new Error(reply.error));
    }
    this.#dispatch();
  }
}

/** Inside a worker file: runs `work` for each job the pool sends, one at a time, and posts the result back. */
export function takeJobs(work: (input: never) => unknown | Promise<unknown>): void {
  parentPort?.on('message', async ({ id, input }: { id: number; input: never }) => {
    try {
      parentPort?.postMessage({ id, output: await work(input) });
    } catch (error) {
      parentPort?.postMessage({ id, error: error instanceof Error ? error.message : String(error) });
    }
  });
}

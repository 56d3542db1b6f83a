// Eight async pbkdf2 hashes at once. Node runs them on libuv's thread pool, which has UV_THREADPOOL_SIZE threads
// (4 unless set before Node starts). With 4 threads, four hashes run and the other four wait for a free thread,
// like requests beyond FastAPI's 40 threads; with 8, all eight run at once.
import { pbkdf2 } from 'node:crypto';
import { emit, log, now, span } from './trace.ts';

const JOBS = 8;
// Enough iterations that one hash takes a noticeable slice of CPU time.
const ITERATIONS = 600_000;
const poolSize = process.env.UV_THREADPOOL_SIZE ?? '4 (the default)';

function hash(job: number, start: number): Promise<number> {
  return new Promise((resolve, reject) =>
    pbkdf2('password', `salt-${job}`, ITERATIONS, 64, 'sha512', (error) => {
      if (error) return reject(error);
      span(`pbkdf2 #${job + 1}`, start);
      resolve(now() - start);
    }),
  );
}

/**
 * Why this runtime cannot run an async pbkdf2 at all (WebContainer has no thread pool: the call throws), or
 * undefined if it can. One cheap hash with valid arguments, so a failure is the runtime's, not the code's.
 */
function whyNoAsyncPbkdf2(): Promise<string | undefined> {
  return new Promise((resolve) => {
    try {
      pbkdf2('probe', 'probe', 1, 8, 'sha256', (error) => resolve(error ? error.message : undefined));
    } catch (error) {
      resolve(error instanceof Error ? `${error.name}: ${error.message}` : String(error));
    }
  });
}

const missing = await whyNoAsyncPbkdf2();
if (missing) {
  emit({ type: 'unsupported', feature: 'async crypto.pbkdf2 (the libuv thread pool)', detail: missing });
} else {
  const start = now();
  // All eight are handed to the pool in the same tick; only the pool decides how many run at once.
  const durations = await Promise.all(Array.from({ length: JOBS }, (_, job) => hash(job, start)));
  const finished = durations.sort((a, b) => a - b).map((ms) => Math.round(ms));
  log(`UV_THREADPOOL_SIZE=${poolSize}: the eight hashes finished after ${finished.join(', ')} ms`);
}

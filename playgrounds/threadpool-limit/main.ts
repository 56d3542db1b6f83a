// Eight async pbkdf2 hashes at once. Node runs them on libuv's thread pool, which has UV_THREADPOOL_SIZE threads
// (4 unless set before Node starts). With 4 threads, four hashes run and the other four wait for a free thread,
// like requests beyond FastAPI's 40 threads; with 8, all eight run at once.
import { pbkdf2 } from 'node:crypto';
import { log, now, span } from './trace.ts';

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

const start = now();
// All eight are handed to the pool in the same tick; only the pool decides how many run at once.
const durations = await Promise.all(Array.from({ length: JOBS }, (_, job) => hash(job, start)));
const finished = durations.sort((a, b) => a - b).map((ms) => Math.round(ms));
log(`UV_THREADPOOL_SIZE=${poolSize}: the eight hashes finished after ${finished.join(', ')} ms`);

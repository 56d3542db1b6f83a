// The same CPU work in a pool of worker threads, one per core. The event loop only hands jobs out and collects
// answers, so /health stays quick. And unlike Python threads, which take turns under the GIL, worker threads
// run JavaScript truly in parallel: on two cores, two counts finish in the time of one.
import * as os from 'node:os';
import { serve } from './server.ts';
import { now, span } from './trace.ts';
import { WorkerPool } from './worker-pool.ts';
import { LIMIT } from './primes.ts';

// One worker per core the runtime reports (in the browser, what it lets the page know). Read through the
// namespace, with a fallback and a floor of one, so a runtime that lacks the call or reports no cores still
// gets a pool that answers.
const cores = typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length;
const pool = new WorkerPool(new URL('./primes-worker.ts', import.meta.url), Math.max(1, cores));

serve(
  {
    '/work': {
      GET: async () => {
        const start = now();
        const primes = await pool.run<number>(LIMIT);
        span('count primes (worker pool)', start);
        return { primes };
      },
    },
    '/health': { GET: () => ({ ok: true }) },
  },
  3402,
);

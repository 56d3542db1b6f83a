// (b) Good: the same blocking call, handed to a worker thread, like FastAPI's `run_in_threadpool`. The thread
// blocks; the event loop only awaits the pool's answer and stays free for /health.
import { serve } from './server.ts';
import { now, span } from './trace.ts';
import { WorkerPool } from './worker-pool.ts';
import { SLOW_CALL_URL } from './upstream.ts';

const pool = new WorkerPool(new URL('./blocking-call-worker.ts', import.meta.url), 4);

serve(
  {
    '/slow': {
      GET: async () => {
        const start = now();
        const status = await pool.run<number>(SLOW_CALL_URL);
        span('slow call (in a worker thread)', start);
        return { upstream: status };
      },
    },
    '/health': { GET: () => ({ ok: true }) },
  },
  3302,
);

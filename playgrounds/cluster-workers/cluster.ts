// Two worker processes on one port, like Gunicorn's workers: the primary accepts connections and deals them out
// in turn. Each worker has its own event loop, so a blocked worker stalls only the requests dealt to it. Node's
// primary also deals nothing new to a worker that has not yet taken its last connection, so a blocked worker ends
// up holding one more request at most; the other worker takes the rest.
// HANDLER=blocking makes /slow block its worker for a second; HANDLER=async makes it wait without blocking.
import cluster from 'node:cluster';
import { setTimeout as sleep } from 'node:timers/promises';
import { createPlaygroundServer } from './server.ts';
import { emit, monitorLoopDelay, now, setTracePart, span } from './trace.ts';

const WORKERS = 2;
const SLOW_MS = 1000;
const blocking = process.env.HANDLER === 'blocking';
const port = Number(process.env.PORT ?? 3601);

// A synchronous sleep, like time.sleep(): Atomics.wait on a buffer nobody will ever signal.
function blockFor(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

if (cluster.isPrimary) {
  // Deal connections out in turn on every platform (Windows would otherwise leave it to the OS).
  cluster.schedulingPolicy = cluster.SCHED_RR;
  for (let i = 0; i < WORKERS; i++) cluster.fork();
  let listening = 0;
  cluster.on('listening', () => {
    if (++listening === WORKERS) emit({ type: 'ready', port, pid: process.pid });
  });
  process.once('SIGTERM', () => cluster.disconnect(() => process.exit(0)));
  process.once('SIGINT', () => cluster.disconnect(() => process.exit(0)));
} else {
  setTracePart(`worker ${cluster.worker?.id}`);
  monitorLoopDelay();
  createPlaygroundServer({
    '/slow': {
      GET: async () => {
        const start = now();
        if (blocking) blockFor(SLOW_MS);
        else await sleep(SLOW_MS);
        span(blocking ? 'slow request (blocking its worker)' : 'slow request (awaited)', start);
        return { ms: SLOW_MS };
      },
    },
    '/health': { GET: () => ({ ok: true }) },
  }).listen(port, '127.0.0.1');
}

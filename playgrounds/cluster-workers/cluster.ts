// Two worker processes on one port, like Gunicorn's workers: the primary accepts connections and deals them out
// in turn. Each worker has its own event loop, so a blocked worker stalls only the requests dealt to it. Node's
// primary also deals nothing new to a worker that has not yet taken its last connection, so a blocked worker ends
// up holding one more request at most; the other worker takes the rest.
// HANDLER=blocking makes /slow block its worker for a second; HANDLER=async makes it wait without blocking.
import cluster from 'node:cluster';
import { setTimeout as sleep } from 'node:timers/promises';
import { createPlaygroundServer } from './server.ts';
import { emit, monitorLoopDelay, now, runtimeVersions, setTracePart, span } from './trace.ts';

const WORKERS = 2;
const SLOW_MS = 1000;
const blocking = process.env.HANDLER === 'blocking';
const port = Number(process.env.PORT ?? 3601);

// A synchronous sleep, like time.sleep(): Atomics.wait on a buffer nobody will ever signal. Where Atomics.wait is
// not allowed (whether WebContainer allows it is unknown), a loop watching the clock blocks the worker just the
// same. Which one is tried once, when the worker starts, and printed as a `mechanism` event.
function chooseSleep(): { chosen: 'atomics-wait' | 'busy-wait'; detail?: string } {
  try {
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 0);
    return { chosen: 'atomics-wait' };
  } catch (error) {
    return { chosen: 'busy-wait', detail: `Atomics.wait threw ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}` };
  }
}

function blockFor(ms: number, way: 'atomics-wait' | 'busy-wait'): void {
  if (way === 'atomics-wait') {
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
    return;
  }
  const end = now() + ms;
  while (now() < end);
}

if (cluster.isPrimary) {
  // Deal connections out in turn on every platform (Windows would otherwise leave it to the OS).
  cluster.schedulingPolicy = cluster.SCHED_RR;
  for (let i = 0; i < WORKERS; i++) cluster.fork();
  let listening = 0;
  cluster.on('listening', () => {
    if (++listening === WORKERS) emit({ type: 'ready', port, pid: process.pid, ...runtimeVersions() });
  });
  process.once('SIGTERM', () => cluster.disconnect(() => process.exit(0)));
  process.once('SIGINT', () => cluster.disconnect(() => process.exit(0)));
} else {
  setTracePart(`worker ${cluster.worker?.id}`);
  const syncSleep = blocking ? chooseSleep() : undefined;
  if (syncSleep) emit({ type: 'mechanism', feature: 'sync-sleep', ...syncSleep });
  monitorLoopDelay();
  createPlaygroundServer({
    '/slow': {
      GET: async () => {
        const start = now();
        if (syncSleep) blockFor(SLOW_MS, syncSleep.chosen);
        else await sleep(SLOW_MS);
        span(blocking ? 'slow request (blocking its worker)' : 'slow request (awaited)', start);
        return { ms: SLOW_MS };
      },
    },
    '/health': { GET: () => ({ ok: true }) },
  }).listen(port, '127.0.0.1');
}

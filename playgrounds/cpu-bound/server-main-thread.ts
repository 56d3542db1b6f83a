// CPU work on the main thread: while a count runs, the event loop runs nothing else, so /health waits behind every
// /work that arrived before it. Making the handler `async` would change nothing: there is no await to yield at.
import { serve } from './server.ts';
import { now, span } from './trace.ts';
import { countPrimes, LIMIT } from './primes.ts';

serve(
  {
    '/work': {
      GET: () => {
        const start = now();
        const primes = countPrimes(LIMIT);
        span('count primes (main thread)', start);
        return { primes };
      },
    },
    '/health': { GET: () => ({ ok: true }) },
  },
  3401,
);

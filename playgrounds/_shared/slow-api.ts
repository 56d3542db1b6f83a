// A slow local API: stands in for the remote service a real server would call (a delay endpoint such as
// httpbin.org/delay), so every run is offline and its delays are exact. GET /delay?ms=300 answers after 300 ms.
import { setTimeout as sleep } from 'node:timers/promises';
import { serve } from './server.ts';
import { now, span } from './trace.ts';

serve(
  {
    '/delay': {
      GET: async (_req, url, clientGone) => {
        const ms = Number(url.searchParams.get('ms') ?? 500);
        const name = `slow-api ${url.searchParams.get('name') ?? 'delay'} (${ms} ms)`;
        const start = now();
        try {
          // The timer is this API's "work"; when the client hangs up there is nobody to do it for.
          await sleep(ms, undefined, { signal: clientGone });
        } catch (error) {
          span(name, start, 'aborted: the client went away');
          throw error;
        }
        span(name, start, 'completed');
        return { ms, name: url.searchParams.get('name') };
      },
    },
    '/health': { GET: () => ({ ok: true }) },
  },
  3100,
);

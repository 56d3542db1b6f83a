// (c) Best: an asynchronous call with fetch, like `httpx.AsyncClient`. While the request is out, `await` hands the
// event loop back, so /health is answered at once; no extra thread is needed.
import { serve } from './server.ts';
import { now, span } from './trace.ts';
import { SLOW_CALL_URL } from './upstream.ts';

serve(
  {
    '/slow': {
      GET: async () => {
        const start = now();
        const response = await fetch(SLOW_CALL_URL);
        await response.text();
        span('slow call (awaited)', start);
        return { upstream: response.status };
      },
    },
    '/health': { GET: () => ({ ok: true }) },
  },
  3303,
);

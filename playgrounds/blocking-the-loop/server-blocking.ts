// (a) Bad: the slow route makes a synchronous call, like `requests.get` inside `async def`. For the whole second
// the call takes, this process's only event loop is stuck in it, and /health waits in line.
import { serve } from './server.ts';
import { now, span } from './trace.ts';
import { requestSync } from './sync-request.ts';
import { SLOW_CALL_URL } from './upstream.ts';

serve(
  {
    '/slow': {
      GET: () => {
        const start = now();
        const answer = requestSync(SLOW_CALL_URL);
        span('slow call (blocking the loop)', start);
        return { upstream: answer.status };
      },
    },
    '/health': { GET: () => ({ ok: true }) },
  },
  3301,
);

// One thread of the offloading server's pool: it makes the same blocking call, which now stops only this thread.
import { takeJobs } from './worker-pool.ts';
import { requestSync } from './sync-request.ts';

takeJobs((url: string) => requestSync(url).status);

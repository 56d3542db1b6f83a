// One thread of the pool: counts primes on its own core while the main thread's event loop stays free.
import { takeJobs } from './worker-pool.ts';
import { countPrimes } from './primes.ts';

takeJobs((limit: number) => countPrimes(limit));

import { it } from 'vitest';
import { proveClaim } from './prove-claim.ts';

// Eight CPU-bound threads share the machine's cores with whatever else runs on it; a retry rides out a burst of
// someone else's work. A pool that did not limit (or did not share) fails every attempt.
it('threadpool-limit: eight pbkdf2 hashes finish in two groups with 4 threads, in one with 8', { retry: 2 }, async () => {
  await proveClaim('threadpool-limit');
});

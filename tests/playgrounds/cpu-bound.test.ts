import { describe, it } from 'vitest';
import { proveClaim, VARIANTS } from './prove-claim.ts';

// Parallelism needs idle cores: on a shared machine another process can take one for a second. A retry rides
// that out; a claim that is false (a pool that runs serially) fails every attempt.
describe.each(VARIANTS)('$name', ({ options }) => {
  it('cpu-bound: the main thread stalls /health, the worker pool neither stalls it nor runs serially', { retry: 2 }, async () => {
    await proveClaim('cpu-bound', options);
  });
});

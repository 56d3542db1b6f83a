import { describe, it } from 'vitest';
import { proveClaim, VARIANTS } from './prove-claim.ts';

describe.each(VARIANTS)('$name', ({ options }) => {
  it('timeouts-and-cancellation: only AbortSignal.timeout makes the server see the abort', async () => {
    await proveClaim('timeouts-and-cancellation', options);
  });
});

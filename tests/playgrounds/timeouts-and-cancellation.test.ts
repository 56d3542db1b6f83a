import { it } from 'vitest';
import { proveClaim } from './prove-claim.ts';

it('timeouts-and-cancellation: only AbortSignal.timeout makes the server see the abort', async () => {
  await proveClaim('timeouts-and-cancellation');
});

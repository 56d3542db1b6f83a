import { it } from 'vitest';
import { proveClaim } from './prove-claim.ts';

it('blocking-the-loop: /health waits behind a blocking call, not behind a worker thread or an awaited fetch', async () => {
  await proveClaim('blocking-the-loop');
});

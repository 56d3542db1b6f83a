import { it } from 'vitest';
import { proveClaim } from './prove-claim.ts';

it('sequential-vs-concurrent: one after the other costs the sum, Promise.all the longest', async () => {
  await proveClaim('sequential-vs-concurrent');
});

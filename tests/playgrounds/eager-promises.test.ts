import { it } from 'vitest';
import { proveClaim } from './prove-claim.ts';

it('eager-promises: sync up to the first await, then nextTick, promise callbacks, setImmediate, setTimeout', async () => {
  await proveClaim('eager-promises');
});

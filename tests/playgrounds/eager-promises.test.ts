import { describe, it } from 'vitest';
import { proveClaim, VARIANTS } from './prove-claim.ts';

describe.each(VARIANTS)('$name', ({ options }) => {
  it('eager-promises: sync up to the first await, then nextTick, promise callbacks, setImmediate, setTimeout', async () => {
    await proveClaim('eager-promises', options);
  });
});

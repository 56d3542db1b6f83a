import { describe, it } from 'vitest';
import { proveClaim, VARIANTS } from './prove-claim.ts';

describe.each(VARIANTS)('$name', ({ options }) => {
  it('sequential-vs-concurrent: one after the other costs the sum, Promise.all the longest', async () => {
    await proveClaim('sequential-vs-concurrent', options);
  });
});

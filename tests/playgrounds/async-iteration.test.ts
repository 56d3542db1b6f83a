import { describe, expect, it } from 'vitest';
import { proveClaim, VARIANTS } from './prove-claim.ts';

describe.each(VARIANTS)('$name', ({ options }) => {
  it('async-iteration: lazy generator, read-ahead stream, await using disposes at the end of its block', async () => {
    const { run } = await proveClaim('async-iteration', options);
    // The claim check accepts "unsupported" for runtimes without `await using`; Node 24 has it, so it must run here.
    if (Number(process.versions.node.split('.')[0]) >= 24) {
      expect(run.events.filter((event) => event.type === 'unsupported')).toEqual([]);
    }
  });
});

import { expect, it } from 'vitest';
import { proveClaim } from './prove-claim.ts';

it('async-iteration: lazy generator, read-ahead stream, await using disposes at the end of its block', async () => {
  const { run } = await proveClaim('async-iteration');
  // The claim check accepts "unsupported" for runtimes without `await using`; Node 24 has it, so it must run here.
  if (Number(process.versions.node.split('.')[0]) >= 24) {
    expect(run.events.filter((event) => event.type === 'unsupported')).toEqual([]);
  }
});

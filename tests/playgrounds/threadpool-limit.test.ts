import { describe, it } from 'vitest';
import { proveClaim, proveUnsupported, VARIANTS } from './prove-claim.ts';

const [node, ...profiles] = VARIANTS;

// Eight CPU-bound threads share the machine's cores with whatever else runs on it; a retry rides out a burst of
// someone else's work. A pool that did not limit (or did not share) fails every attempt.
it(`threadpool-limit (${node!.name}): eight pbkdf2 hashes finish in two groups with 4 threads, in one with 8`, { retry: 2 }, async () => {
  await proveClaim('threadpool-limit', node!.options);
});

// The browser has no libuv pool (the manifest says `webcontainer.runs: false`); there the playground must say so
// and end, not crash or hang.
describe.each(profiles)('$name', ({ options }) => {
  it('threadpool-limit: each process reports async pbkdf2 unsupported and exits cleanly', async () => {
    await proveUnsupported('threadpool-limit', options, /pbkdf2/);
  });
});

import { describe, expect, it } from 'vitest';
import type { MechanismChoice, MechanismEvent } from '../../src/playground/events.ts';
import { proveClaim, VARIANTS } from './prove-claim.ts';

// How the blocking call waits in each variant, decided by trying at start-up: real Node has everything; the
// profile takes receiveMessageOnPort away; the strict one Atomics.wait too.
const EXPECTED: Record<string, MechanismChoice> = {
  'TypeScript in Node': 'message-port',
  'JavaScript twins under the webcontainer profile': 'shared-buffer',
  'JavaScript twins under the webcontainer-strict profile': 'busy-wait',
};

describe.each(VARIANTS)('$name', ({ name, options }) => {
  it('blocking-the-loop: /health waits behind a blocking call, not behind a worker thread or an awaited fetch', async () => {
    const { run } = await proveClaim('blocking-the-loop', options);
    const mechanisms = run.events.filter((e): e is MechanismEvent => e.type === 'mechanism');
    // One from (a)'s main thread, one from each of (b)'s four pool workers; (c) and the upstream choose nothing.
    const chosen = mechanisms.map((e) => `${e.proc} ${e.feature} ${e.chosen}`);
    console.log(`blocking-the-loop [${name}]: ${[...new Set(chosen)].join('; ')} (${mechanisms[0]?.detail})`);
    expect(chosen.sort()).toEqual([
      `blocking sync-request ${EXPECTED[name]}`,
      ...Array.from({ length: 4 }, () => `offloaded sync-request ${EXPECTED[name]}`),
    ]);
  });
});

import { describe, expect, it } from 'vitest';
import type { MechanismChoice, MechanismEvent } from '../../src/playground/events.ts';
import type { CompatProfile } from '../../src/playground/runtime/profiles.ts';
import { proveClaim, VARIANTS } from './prove-claim.ts';

// How the blocking call waits in each variant, decided by trying at start-up: real Node has everything; the
// profile takes receiveMessageOnPort away; the strict one Atomics.wait too.
const EXPECTED: Record<CompatProfile | 'none', MechanismChoice> = {
  none: 'message-port',
  webcontainer: 'shared-buffer',
  'webcontainer-strict': 'busy-wait',
};

describe.each(VARIANTS)('$name', ({ name, options }) => {
  it('blocking-the-loop: /health waits behind a blocking call, not behind a worker thread or an awaited fetch', async () => {
    const { run } = await proveClaim('blocking-the-loop', options);
    const mechanisms = run.events.filter((e): e is MechanismEvent => e.type === 'mechanism');
    // One from (a)'s main thread, one from each of (b)'s four pool workers; (c) and the upstream choose nothing.
    const chosen = mechanisms.map((e) => `${e.proc} ${e.feature} ${e.chosen}`);
    const expected = EXPECTED[options.profile ?? 'none'];
    console.log(`blocking-the-loop [${name}]: ${[...new Set(chosen)].join('; ')} (${mechanisms[0]?.detail})`);
    expect(chosen.sort()).toEqual([
      `blocking sync-request ${expected}`,
      ...Array.from({ length: 4 }, () => `offloaded sync-request ${expected}`),
    ]);
  });
});

import { describe, expect, it } from 'vitest';
import type { MechanismEvent } from '../../src/playground/events.ts';
import { proveClaim, VARIANTS } from './prove-claim.ts';

describe.each(VARIANTS)('$name', ({ options }) => {
  it('cluster-workers: a blocked worker delays only the /health dealt to it; async workers delay none', async () => {
    const { run } = await proveClaim('cluster-workers', options);
    // The blocking handler sleeps in Atomics.wait where it may, and spins on the clock where it may not (strict).
    const sleep = options.profile === 'webcontainer-strict' ? 'busy-wait' : 'atomics-wait';
    const chosen = run.events
      .filter((e): e is MechanismEvent => e.type === 'mechanism')
      .map((e) => `${e.proc}/${e.part} ${e.feature} ${e.chosen}`);
    expect(chosen.sort()).toEqual([`blocking/worker 1 sync-sleep ${sleep}`, `blocking/worker 2 sync-sleep ${sleep}`]);
  });
});

import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
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

// A runtime whose receiveMessageOnPort passes the start-up probe (a message on one thread) but gets nothing from
// another thread: the first blocking call finds the port empty, reads the answer from shared memory instead and
// says so, and every call after goes that way. Imposed by a preload of this test's own.
it('where receiveMessageOnPort works on one thread only, the blocking server falls back to the shared buffer and says so', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'event-loop-lab-port-'));
  try {
    const preload = join(dir, 'same-thread-only.mjs');
    await writeFile(
      preload,
      [
        "import threads from 'node:worker_threads';",
        "import { syncBuiltinESMExports } from 'node:module';",
        'const receive = threads.receiveMessageOnPort;',
        'let calls = 0;',
        // Each thread has its own copy of this module: the first call in a thread is its probe.
        'threads.receiveMessageOnPort = (port) => (++calls === 1 ? receive(port) : undefined);',
        'syncBuiltinESMExports();',
      ].join('\n'),
    );
    const { run } = await proveClaim('blocking-the-loop', { nodeFlags: ['--import', pathToFileURL(preload).href] });
    const blocking = run.events.filter((e): e is MechanismEvent => e.type === 'mechanism' && e.proc === 'blocking');
    expect(blocking.map((e) => e.chosen)).toEqual(['message-port', 'shared-buffer']);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

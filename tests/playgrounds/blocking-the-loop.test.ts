// The centrepiece beyond its claim suite (claims.test.ts runs it three ways): one runtime limit more, imposed by hand.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { expect, it } from 'vitest';
import type { MechanismEvent } from '../../src/playground/events.ts';
import { proveClaim } from './prove-claim.ts';

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

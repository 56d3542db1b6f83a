// Loop-delay sampling (playgrounds/_shared/trace.ts) in a real Node process: a stall must land in a window even
// when it begins right after a sample fell due, before the histogram's own timer could record it.
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { expect, it } from 'vitest';
import { parseEventLine, type LoopDelayEvent } from '../../src/playground/events.ts';

const trace = fileURLToPath(new URL('../../playgrounds/_shared/trace.ts', import.meta.url));

it('a stall that starts just after a sample is due still shows as that window’s loop delay', async () => {
  // Timers of the same length fire in the order they were set: this one runs right after the sampler's interval
  // has queued its read, and blocks the loop before the read (and before the histogram's timer) can run.
  const script = `
    import { monitorLoopDelay } from ${JSON.stringify(trace)};
    const stop = monitorLoopDelay(100);
    setTimeout(() => { const end = Date.now() + 300; while (Date.now() < end) {} }, 100);
    setTimeout(() => { stop(); }, 500);
  `;
  const { stdout } = await promisify(execFile)(process.execPath, ['--input-type=module', '-e', script], {
    env: { ...process.env, PLAYGROUND_EVENTS: '1' },
  });
  const windows = stdout
    .split('\n')
    .map(parseEventLine)
    .flatMap((line) => (line.kind === 'event' && line.event.type === 'loop-delay' ? [line.event as LoopDelayEvent] : []));
  expect(windows.length).toBeGreaterThan(1);
  expect(Math.max(...windows.map((w) => w.maxMs))).toBeGreaterThanOrEqual(250);
});

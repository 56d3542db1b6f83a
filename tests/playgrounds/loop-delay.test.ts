// Loop-delay sampling (playgrounds/_shared/trace.ts) in a real Node process: a stall must land in a window even
// when it begins right after a sample fell due, before the histogram's own timer could record it.
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { expect, it } from 'vitest';
import { parseEventLine, type LoopDelayEvent, type TraceEvent } from '../../src/playground/events.ts';
import { profileExecArgv } from '../../src/playground/runtime/profiles.ts';

const trace = fileURLToPath(new URL('../../playgrounds/_shared/trace.ts', import.meta.url));

// Timers of the same length fire in the order they were set: the stall's timer runs right after the sampler's
// interval has queued its read. `before`: the stall then blocks the loop before the read (and before the
// histogram's timer) can run. `after`: it is queued behind the read, so it begins just after the window was read
// and its histogram reset, before the histogram's timer has ticked again.
const stallScript = (when: 'before' | 'after') => `
  import { monitorLoopDelay } from ${JSON.stringify(trace)};
  const stop = monitorLoopDelay(100);
  const stall = () => { const end = Date.now() + 300; while (Date.now() < end) {} };
  setTimeout(() => ${when === 'before' ? 'stall()' : 'setImmediate(stall)'}, 100);
  setTimeout(() => { stop(); }, 600);
`;

async function stallEvents(nodeFlags: string[] = [], when: 'before' | 'after' = 'before') {
  const { stdout } = await promisify(execFile)(process.execPath, [...nodeFlags, '--input-type=module', '-e', stallScript(when)], {
    env: { ...process.env, PLAYGROUND_EVENTS: '1' },
  });
  return stdout.split('\n').flatMap((text) => {
    const line = parseEventLine(text);
    return line.kind === 'event' ? [line.event] : [];
  });
}

const windows = (events: TraceEvent[]) => events.filter((e): e is LoopDelayEvent => e.type === 'loop-delay');

it('a stall that starts just after a sample is due still shows as that window’s loop delay', async () => {
  const sampled = windows(await stallEvents());
  expect(sampled.length).toBeGreaterThan(1);
  expect(Math.max(...sampled.map((w) => w.maxMs))).toBeGreaterThanOrEqual(250);
});

it('a stall that begins just after a window was read (its histogram reset) still shows in the next window', async () => {
  const sampled = windows(await stallEvents([], 'after'));
  expect(Math.max(...sampled.map((w) => w.maxMs))).toBeGreaterThanOrEqual(250);
});

it('where monitorEventLoopDelay throws (the WebContainer profile), it says so and a timer of its own still catches the stall', async () => {
  const events = await stallEvents(profileExecArgv('webcontainer'));
  expect(events.filter((e) => e.type === 'unsupported').map((e) => e.type === 'unsupported' && e.feature)).toEqual([
    'perf_hooks.monitorEventLoopDelay',
  ]);
  const sampled = windows(events);
  expect(sampled.length).toBeGreaterThan(1);
  expect(Math.max(...sampled.map((w) => w.maxMs))).toBeGreaterThanOrEqual(250);
  // An idle window's mean is about the timer's own period, as with Node's histogram.
  expect(Math.min(...sampled.filter((w) => w.meanMs > 0).map((w) => w.meanMs))).toBeLessThan(50);
});

// `for await` pulls values one at a time. An async generator is lazy: it produces the next value only when the
// loop asks for it. A stream is eager: it reads ahead to fill its buffer (highWaterMark) while the loop is busy.
import { Readable } from 'node:stream';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { emit, log } from './trace.ts';

async function* numbers(source: string): AsyncGenerator<number> {
  for (let n = 1; n <= 3; n++) {
    log(`${source}: produce ${n}`);
    yield n;
  }
  log(`${source}: done`);
}

// The loop body awaits a turn of the event loop, as real work (a write, a request) would.
for await (const n of numbers('generator')) {
  log(`loop: got ${n}`);
  await nextTurn();
}

// The same generator behind a stream with room for two values: by the time the loop sees the first value, the
// stream has already pulled three (two buffered, one handed over).
for await (const n of Readable.from(numbers('stream'), { highWaterMark: 2 })) {
  log(`loop: got ${n}`);
  await nextTurn();
}

// `await using` disposes a resource when the block ends, even on an error: Python's `async with`. It is new syntax
// (Node 24, recent browsers), so it lives in its own module: where it is unsupported, only that import fails.
try {
  const { useConnection } = await import('./await-using.ts');
  await useConnection();
} catch (error) {
  if (!(error instanceof SyntaxError)) throw error;
  emit({ type: 'unsupported', feature: 'await using', detail: error.message });
}

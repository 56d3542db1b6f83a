// What runs when. Everything starts inside an I/O callback, where a server's request handler runs: from there
// Node's order is fully fixed (at the top level of a script, setTimeout 0 and setImmediate race each other).
import { readFile } from 'node:fs';
import { log } from './trace.ts';

async function work(): Promise<void> {
  // An async function runs synchronously, right away, up to its first await. (A Python coroutine does nothing
  // until someone awaits it; a JavaScript async function has already started when the call returns.)
  log('2. work(): runs at once, up to its first await');
  await null;
  // The rest of work() is queued as a promise callback (a microtask) when the await is reached.
  log('6. work(): resumes after the await, as a microtask');
}

readFile(import.meta.filename, () => {
  log('1. I/O callback starts');
  void work();
  log('3. work() has returned a pending Promise, without waiting');

  setTimeout(() => log('9. setTimeout(0): next turn of the loop, timers phase'), 0);
  setImmediate(() => log('8. setImmediate: check phase, right after this I/O phase'));
  Promise.resolve().then(() => log('7. promise callback: microtask, queued after work()\'s'));
  process.nextTick(() => log('5. process.nextTick: before any promise callback'));

  log('4. I/O callback ends: the call stack is empty, queued work runs now');
});

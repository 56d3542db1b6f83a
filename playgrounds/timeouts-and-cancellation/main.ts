// Giving up on a slow request after 300 ms, two ways. slow-api.ts (another process) takes 1000 ms to answer and
// reports whether it finished its work or saw the client go away.
import { setTimeout as sleep } from 'node:timers/promises';
import { log, now, span } from './trace.ts';

const api = `http://127.0.0.1:${process.env.SLOW_API_PORT ?? 3100}`;
const GIVE_UP_MS = 300;

// 1. Promise.race against a timer: our await ends at 300 ms, but nothing stops the request. It stays open, the
//    server works on for the full second, and the answer arrives later with nobody waiting for it.
let start = now();
const request = fetch(`${api}/delay?ms=1000&name=race`);
const timeout = sleep(GIVE_UP_MS).then(() => Promise.reject(new Error(`gave up after ${GIVE_UP_MS} ms`)));
try {
  await Promise.race([request, timeout]);
} catch (error) {
  span('Promise.race: our await', start, (error as Error).message);
}
const lateAnswer = await request;
await lateAnswer.text();
span('Promise.race: the request itself', start, `answered ${lateAnswer.status} anyway`);

// 2. AbortSignal.timeout: at 300 ms the signal aborts the request itself, the connection closes, and the server
//    sees its client go away and stops.
start = now();
try {
  await fetch(`${api}/delay?ms=1000&name=signal`, { signal: AbortSignal.timeout(GIVE_UP_MS) });
} catch (error) {
  span('AbortSignal.timeout: our await', start, (error as Error).name);
}

// Give the server a moment to report what it saw before this script ends.
await sleep(100);
log('With Promise.race the server finished work nobody wanted; with AbortSignal.timeout it stopped at once.');

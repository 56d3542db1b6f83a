// How requestSync's helper thread tells the asking thread that the answer is in, and, for runtimes without
// receiveMessageOnPort (WebContainer's maintainers say a browser cannot have it), hands the answer over through
// shared memory alone. One SharedArrayBuffer: three 32-bit slots (the state both threads watch, the status, the
// body's length), then the body's bytes.

export interface SyncResponse {
  status: number;
  body: string;
}

export type Answer = SyncResponse | { error: string };

// The state slot: 0 while the request is out, then 1 (an answer) or 2 (an error message instead).
const WAITING = 0;
const ANSWERED = 1;
const FAILED = 2;
const [STATE, STATUS, LENGTH] = [0, 1, 2];
const HEADER_BYTES = 3 * Int32Array.BYTES_PER_ELEMENT;
/** The most body an answer can carry: a shared buffer cannot grow in every engine, so a bigger one is an error. */
export const MAX_BODY_BYTES = 1 << 20;

export function createAnswerBuffer(): SharedArrayBuffer {
  return new SharedArrayBuffer(HEADER_BYTES + MAX_BODY_BYTES);
}

function slots(buffer: SharedArrayBuffer): Int32Array {
  return new Int32Array(buffer, 0, 3);
}

/** Before each request: nothing answered yet. */
export function clearAnswer(buffer: SharedArrayBuffer): void {
  Atomics.store(slots(buffer), STATE, WAITING);
}

export function isAnswered(buffer: SharedArrayBuffer): boolean {
  return Atomics.load(slots(buffer), STATE) !== WAITING;
}

/** Sleeps until the answer is in or `timeoutMs` passes; false on timeout. Throws where Atomics.wait is not allowed. */
export function sleepUntilAnswered(buffer: SharedArrayBuffer, timeoutMs: number): boolean {
  return Atomics.wait(slots(buffer), STATE, WAITING, timeoutMs) !== 'timed-out';
}

/** In the helper thread: writes the answer's bytes, then marks it answered. */
export function writeAnswer(buffer: SharedArrayBuffer, answer: Answer): void {
  const encoder = new TextEncoder();
  let failed = 'error' in answer;
  let bytes = encoder.encode('error' in answer ? answer.error : answer.body);
  if (bytes.length > MAX_BODY_BYTES) {
    bytes = encoder.encode(`the answer has ${bytes.length} bytes, more than the ${MAX_BODY_BYTES} a shared buffer holds here`);
    failed = true;
  }
  // Copied from an ordinary array: not every engine encodes straight into shared memory.
  new Uint8Array(buffer, HEADER_BYTES, bytes.length).set(bytes);
  const state = slots(buffer);
  Atomics.store(state, STATUS, 'error' in answer ? 0 : answer.status);
  Atomics.store(state, LENGTH, bytes.length);
  Atomics.store(state, STATE, failed ? FAILED : ANSWERED);
  Atomics.notify(state, STATE);
}

/** In the asking thread, once the answer is in: reads it back. */
export function readAnswer(buffer: SharedArrayBuffer): Answer {
  const state = slots(buffer);
  // slice() copies into an ordinary buffer: not every engine decodes shared memory.
  const text = new TextDecoder().decode(new Uint8Array(buffer, HEADER_BYTES, Atomics.load(state, LENGTH)).slice());
  if (Atomics.load(state, STATE) === FAILED) return { error: text };
  return { status: Atomics.load(state, STATUS), body: text };
}

// A synchronous HTTP GET, like Python's `requests.get`: the calling thread stops until the answer is in.
// JavaScript has no such call, so we build one the way synchronous Node libraries do: a helper thread makes the
// request with fetch while this thread waits, then picks the answer up without an event loop.
//
// How this thread waits depends on what the runtime allows, so it is decided once, at start-up, by trying:
// - `message-port`: sleep in Atomics.wait, then take the answer off a port with receiveMessageOnPort (real Node);
// - `shared-buffer`: sleep in Atomics.wait, then read the answer from shared memory, where receiveMessageOnPort
//   is missing (WebContainer's maintainers say a browser cannot have it);
// - `busy-wait`: where Atomics.wait is not allowed either, keep checking the shared flag until the answer is in.
//   The thread is just as stuck (busier, even) for as long as the call takes.
// The choice is printed as a `mechanism` event.
//
// worker_threads is read through a namespace, so a runtime that lacks one of its exports still loads this file.
import * as workerThreads from 'node:worker_threads';
import type { MessagePort, Worker } from 'node:worker_threads';
import { emit } from './trace.ts';
import {
  clearAnswer,
  createAnswerBuffer,
  isAnswered,
  readAnswer,
  sleepUntilAnswered,
  type Answer,
  type SyncResponse,
} from './sync-answer.ts';

export type { SyncResponse } from './sync-answer.ts';

// Longer than any call here takes; only a helper that died or never started is waited on this long.
const GIVE_UP_MS = 10_000;

type Way = 'message-port' | 'shared-buffer' | 'busy-wait';

const reason = (error: unknown) => (error instanceof Error ? `${error.name}: ${error.message}` : String(error));

/** Why this thread cannot sleep in Atomics.wait (a browser's main thread may not), or undefined if it can. */
function whyNoAtomicsWait(): string | undefined {
  try {
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 0);
    return undefined;
  } catch (error) {
    return `Atomics.wait threw ${reason(error)}`;
  }
}

/** Why a message cannot be taken off a port without the event loop, or undefined if it can. */
function whyNoReceiveMessageOnPort(): string | undefined {
  const receive = workerThreads.receiveMessageOnPort;
  if (typeof receive !== 'function') return 'worker_threads has no receiveMessageOnPort';
  const { port1, port2 } = new workerThreads.MessageChannel();
  try {
    port2.postMessage('probe');
    return receive(port1)?.message === 'probe' ? undefined : 'receiveMessageOnPort did not return the message posted';
  } catch (error) {
    return `receiveMessageOnPort threw ${reason(error)}`;
  } finally {
    port1.close();
    port2.close();
  }
}

function chooseWay(): { chosen: Way; detail: string } {
  const noWait = whyNoAtomicsWait();
  if (noWait) return { chosen: 'busy-wait', detail: noWait };
  const noReceive = whyNoReceiveMessageOnPort();
  if (noReceive) return { chosen: 'shared-buffer', detail: noReceive };
  return { chosen: 'message-port', detail: 'Atomics.wait and receiveMessageOnPort both work here' };
}

interface Helper {
  worker: Worker;
  /** Only when the answer comes by port. */
  answers?: MessagePort;
  buffer: SharedArrayBuffer;
  failed?: Error;
}

function startHelper(way: Way): Helper {
  const buffer = createAnswerBuffer();
  const channel = way === 'message-port' ? new workerThreads.MessageChannel() : undefined;
  const worker = new workerThreads.Worker(new URL('./sync-request-worker.ts', import.meta.url), {
    workerData: { answers: channel?.port2, buffer },
    transferList: channel ? [channel.port2] : [],
  });
  worker.unref();
  const helper: Helper = { worker, answers: channel?.port1, buffer };
  // Runtimes that cannot start the helper report it rather than hang or crash.
  worker.on('error', (error) => {
    helper.failed = error;
    emit({ type: 'unsupported', feature: 'a synchronous request through a worker thread', detail: error.message });
  });
  return helper;
}

/** Blocks this thread until the helper has answered; false if it gave up first. */
function waitForAnswer(way: Way, buffer: SharedArrayBuffer): boolean {
  if (way !== 'busy-wait') return sleepUntilAnswered(buffer, GIVE_UP_MS);
  const deadline = Date.now() + GIVE_UP_MS;
  while (!isAnswered(buffer)) {
    if (Date.now() > deadline) return false;
  }
  return true;
}

// Decided and started with the module, so a request measures the blocking call rather than a thread starting up.
const { chosen: way, detail } = chooseWay();
emit({ type: 'mechanism', feature: 'sync-request', chosen: way, detail });
const helper = startHelper(way);

/**
 * The answer the helper posted, taken off the port without the event loop. Where that gives nothing although the
 * start-up probe passed (it crossed no thread; this crosses two), the answer is read from shared memory from now
 * on, and the run says so.
 */
function takeFromPort(port: MessagePort): Answer | undefined {
  const answer = workerThreads.receiveMessageOnPort?.(port)?.message as Answer | undefined;
  if (answer === undefined) {
    helper.answers = undefined;
    emit({ type: 'mechanism', feature: 'sync-request', chosen: 'shared-buffer', detail: 'receiveMessageOnPort gave nothing from the helper thread' });
  }
  return answer;
}

export function requestSync(url: string): SyncResponse {
  if (helper.failed) throw helper.failed;
  clearAnswer(helper.buffer);
  helper.worker.postMessage(url);
  // The blocking part: this thread, and so its event loop, does nothing else until the helper says "done".
  if (!waitForAnswer(way, helper.buffer)) throw new Error(`the helper thread did not answer within ${GIVE_UP_MS} ms`);
  const answer = (helper.answers && takeFromPort(helper.answers)) || readAnswer(helper.buffer);
  if (answer === undefined || 'error' in answer) throw new Error(answer?.error ?? 'no answer from the helper thread');
  return answer;
}

// A synchronous HTTP GET, like Python's `requests.get`: the calling thread stops until the answer is in.
// JavaScript has no such call, so we build one the way synchronous Node libraries do: a helper thread makes the
// request with fetch while this thread sleeps in Atomics.wait, then picks the answer up without an event loop.
import { MessageChannel, receiveMessageOnPort, Worker, type MessagePort } from 'node:worker_threads';
import { emit } from './trace.ts';

// Longer than any call here takes; only a helper that died or never started is waited on this long.
const GIVE_UP_MS = 10_000;

interface Helper {
  worker: Worker;
  answers: MessagePort;
  signal: Int32Array;
  failed?: Error;
}

export interface SyncResponse {
  status: number;
  body: string;
}

function startHelper(): Helper {
  const { port1, port2 } = new MessageChannel();
  const signal = new Int32Array(new SharedArrayBuffer(4));
  const worker = new Worker(new URL('./sync-request-worker.ts', import.meta.url), {
    workerData: { answers: port2, signal },
    transferList: [port2],
  });
  worker.unref();
  const helper: Helper = { worker, answers: port1, signal };
  // Runtimes that cannot run this (WebContainer's worker threads, say) report it rather than hang or crash.
  worker.on('error', (error) => {
    helper.failed = error;
    emit({ type: 'unsupported', feature: 'a synchronous request through a worker thread', detail: error.message });
  });
  return helper;
}

// Started with the module, so a request measures the blocking call rather than a thread starting up.
const helper = startHelper();

export function requestSync(url: string): SyncResponse {
  if (helper.failed) throw helper.failed;
  Atomics.store(helper.signal, 0, 0);
  helper.worker.postMessage(url);
  // The blocking part: this thread, and so its event loop, does nothing else until the helper says "done".
  if (Atomics.wait(helper.signal, 0, 0, GIVE_UP_MS) === 'timed-out') {
    throw new Error(`the helper thread did not answer within ${GIVE_UP_MS} ms`);
  }
  const answer = receiveMessageOnPort(helper.answers)?.message as SyncResponse | { error: string } | undefined;
  if (answer === undefined || 'error' in answer) throw new Error(answer?.error ?? 'no answer from the helper thread');
  return answer;
}

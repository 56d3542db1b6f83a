// The helper thread behind requestSync: it has its own event loop, so it can await fetch while the thread that
// asked is blocked. It leaves the answer on a port, then wakes the asking thread through the shared signal.
import { parentPort, workerData, type MessagePort } from 'node:worker_threads';

const { answers, signal } = workerData as { answers: MessagePort; signal: Int32Array };

parentPort?.on('message', async (url: string) => {
  try {
    const response = await fetch(url);
    answers.postMessage({ status: response.status, body: await response.text() });
  } catch (error) {
    answers.postMessage({ error: error instanceof Error ? error.message : String(error) });
  }
  Atomics.store(signal, 0, 1);
  Atomics.notify(signal, 0);
});

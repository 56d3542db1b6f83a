// The helper thread behind requestSync: it has its own event loop, so it can await fetch while the thread that
// asked is blocked. It leaves the answer on a port when it was given one, and in the shared buffer, then marks it
// answered there, which wakes (or stops the spinning of) the asking thread.
import { parentPort, workerData, type MessagePort } from 'node:worker_threads';
import { writeAnswer, type Answer } from './sync-answer.ts';

const { answers, buffer } = workerData as { answers?: MessagePort; buffer: SharedArrayBuffer };

async function get(url: string): Promise<Answer> {
  try {
    const response = await fetch(url);
    return { status: response.status, body: await response.text() };
  } catch (error) {
    return { error: error instanceof Error ? error.message : String(error) };
  }
}

parentPort?.on('message', async (url: string) => {
  const answer = await get(url);
  // The shared buffer always gets it too: a runtime whose receiveMessageOnPort passed the start-up probe on one
  // thread may still get nothing across two, and the asking thread then reads it from there.
  answers?.postMessage(answer);
  writeAnswer(buffer, answer);
});

// How many cores' worth of CPU this process can get at once, right now: two threads spin side by side over the
// same wall-clock window and each reports the CPU time it was given. Two idle cores give about 2; two cores that
// other processes keep busy give about 1, and then no playground can show a parallel speed-up, true or not.
import { Worker } from 'node:worker_threads';

const SPIN = `
const { parentPort, workerData } = require('node:worker_threads');
while (Date.now() < workerData.from) {}
const before = process.threadCpuUsage();
const start = performance.now();
while (Date.now() < workerData.to) {}
const cpu = process.threadCpuUsage(before);
parentPort.postMessage((cpu.user + cpu.system) / 1000 / (performance.now() - start));
`;

/** CPU time per wall time summed over `threads` spinning threads: the parallelism the machine gives right now. */
export async function measureParallelCapacity({ threads = 2, windowMs = 400 } = {}): Promise<number> {
  // The window opens once every thread has had time to start, so they all spin in the same one.
  const from = Date.now() + 100;
  const shares = await Promise.all(
    Array.from({ length: threads }, () => {
      const worker = new Worker(SPIN, { eval: true, workerData: { from, to: from + windowMs } });
      return new Promise<number>((resolve, reject) => {
        worker.once('message', (share: number) => resolve(share));
        worker.once('error', reject);
      }).finally(() => worker.terminate());
    }),
  );
  return shares.reduce((sum, share) => sum + share, 0);
}

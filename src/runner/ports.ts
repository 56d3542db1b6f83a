// Ports for a playground's servers, and knowing when one listens. Loopback only, like everything here.
import { createServer } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { acceptsConnection } from '../../playgrounds/_shared/node-runtime.ts';

const POLL_MS = 50;
// Ports handed out recently are not handed out again: the OS may offer a released port twice before the
// first playground server has bound it.
const RECENT = 256;
const recent: number[] = [];

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

/** `count` distinct ports free on 127.0.0.1 right now (bound to :0 and released). */
export async function freePorts(count: number): Promise<number[]> {
  const ports: number[] = [];
  while (ports.length < count) {
    const port = await freePort();
    if (recent.includes(port)) continue;
    recent.push(port);
    if (recent.length > RECENT) recent.shift();
    ports.push(port);
  }
  return ports;
}

/** True once a TCP connect to 127.0.0.1:port succeeds; false at the deadline or on abort. */
export async function waitForPort(port: number, timeoutMs: number, signal: AbortSignal): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (!signal.aborted) {
    if (await acceptsConnection(port)) return true;
    if (Date.now() >= deadline) return false;
    await sleep(POLL_MS, undefined, { signal }).catch(() => {});
  }
  return false;
}

// The Node runtime under run.ts: its limits and its clean-up, on real processes.
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { createNodeRuntime } from '../../playgrounds/_shared/node-runtime.ts';
import type { ProcessNotice, RuntimeProcess } from '../../src/playground/runtime/types.ts';
import { until } from '../unit/runner-helpers.ts';

let root: string;
beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'event-loop-lab-node-runtime-'));
});
afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

async function readAll(process: RuntimeProcess): Promise<Array<string | ProcessNotice>> {
  const items: Array<string | ProcessNotice> = [];
  const reader = process.output.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return items;
    items.push(value);
  }
}

// A zombie (ended, not yet reaped by whichever process adopted it) counts as gone.
const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  return !/^State:\s+Z/m.test(readFileSync(`/proc/${pid}/status`, 'utf8'));
};

it('stops a process past its wall-clock limit, with a notice in its output, even one that ignores SIGTERM', async () => {
  const runtime = createNodeRuntime({ root, timeLimitMs: 300, killGraceMs: 200 });
  await runtime.mount('p', { 'busy.js': "process.on('SIGTERM', () => {}); console.log('spinning'); for (;;) {}\n" });
  const busy = await runtime.spawn('p', ['node', 'busy.js']);
  const [output, code] = await Promise.all([readAll(busy), busy.exit]);
  expect(output).toContainEqual({ code: 'time-limit', values: { seconds: 0.3 } });
  expect(output.join('')).toContain('spinning');
  expect(code).toBe(137);
});

it.runIf(process.platform === 'linux')('kill() ends the process and what it started in its group', async () => {
  const runtime = createNodeRuntime({ root, killGraceMs: 200 });
  await runtime.mount('p', {
    'parent.js': [
      "import { spawn } from 'node:child_process';",
      "const child = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore' });",
      // The parent ignores SIGTERM too, so only the SIGKILL to the whole group ends the child.
      "process.on('SIGTERM', () => {});",
      'console.log(child.pid);',
      'setInterval(() => {}, 1000);',
    ].join('\n'),
  });
  const parent = await runtime.spawn('p', ['node', 'parent.js']);
  const reader = parent.output.getReader();
  const first = await reader.read();
  const childPid = Number(String(first.value).trim());
  expect(alive(childPid)).toBe(true);
  reader.releaseLock();
  parent.kill();
  await parent.exit;
  // The group's SIGKILL is sent by now; the child is gone once its new parent (init) has reaped it. Waiting for
  // that, not for a fixed 100 ms, holds on a busy machine, and a child that lives on fails after until's 5 s.
  await until(() => !alive(childPid));
});

it("'as-given' ports: a port something else holds fails at once as port-in-use, before any server starts", async () => {
  const runtime = createNodeRuntime({ root });
  const holder = createServer();
  await new Promise<void>((resolve) => holder.listen(0, '127.0.0.1', resolve));
  const taken = (holder.address() as { port: number }).port;
  try {
    await expect(runtime.ports([taken])).rejects.toMatchObject({ code: 'port-in-use' });
  } finally {
    holder.close();
  }
});

it('a process that cannot start ends with a start-failed notice and exit code 1', async () => {
  const runtime = createNodeRuntime({ root, execArgv: [] });
  const lost = await runtime.spawn('no-such-folder', ['node', 'x.js']);
  const [output, code] = await Promise.all([readAll(lost), lost.exit]);
  expect(output).toEqual([expect.objectContaining({ code: 'start-failed' })]);
  expect(code).toBe(1);
});

it("'free' ports: the wanted one when it is free, another when it is taken", async () => {
  const runtime = createNodeRuntime({ root, ports: 'free' });
  const holder = createServer();
  await new Promise<void>((resolve) => holder.listen(0, '127.0.0.1', resolve));
  const taken = (holder.address() as { port: number }).port;
  try {
    const [port] = await runtime.ports([taken]);
    expect(port).not.toBe(taken);
    holder.close();
    await new Promise((resolve) => holder.once('close', resolve));
    expect(await runtime.ports([taken])).toEqual([taken]);
  } finally {
    holder.close();
  }
});

it('waitForPort resolves once the port accepts, and fails with port-timeout when nothing listens', async () => {
  const runtime = createNodeRuntime({ root });
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  await expect(runtime.waitForPort(port, { timeoutMs: 1000 })).resolves.toBeUndefined();
  server.close();
  await new Promise((resolve) => server.once('close', resolve));
  await expect(runtime.waitForPort(port, { timeoutMs: 100 })).rejects.toMatchObject({ code: 'port-timeout' });
});

// A playground on its own, as a download or a StackBlitz fork runs it: `npm start` is `node run-ts.mjs launch.ts`.
// Run here with the same Node as the tests; a reader's plain sentences come out, not event lines.
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { loadPlayground, materialise } from '../../src/playground/load-playground.ts';
import { npmStart } from './npm-start.ts';

const folders: string[] = [];
afterEach(async () => {
  await Promise.all(folders.splice(0).map((folder) => rm(folder, { recursive: true, force: true })));
});

/** `npm start` in a fresh materialised copy of playground `id`. */
async function startCopy(id: string, stopWhen?: string): Promise<{ code: number | null; output: string }> {
  const dir = await mkdtemp(join(tmpdir(), `event-loop-lab-standalone-${id}-`));
  folders.push(dir);
  await materialise(await loadPlayground(id), dir);
  return npmStart(dir, id, { stopWhen });
}

it('sequential-vs-concurrent: npm start runs the API and the client, prints sentences, and exits', async () => {
  const { code, output } = await startCopy('sequential-vs-concurrent');
  expect(output).toMatch(/\[main\] one after the other: \d+ ms/);
  expect(output).toContain('[main] One after the other costs about 300 + 200 ms');
  expect(output).not.toContain('{"v":1');
  expect(code).toBe(0);
});

it('blocking-the-loop: npm start starts the servers, fires the scenario once, and stops cleanly on SIGTERM', async () => {
  const { code, output } = await startCopy('blocking-the-loop', 'Ctrl-C stops them');
  expect(output).toMatch(/\[load\] blocking: GET \/health median \d+ ms over 8 request\(s\)/);
  expect(output).toMatch(/\[blocking\] event loop stuck for up to \d+ ms/);
  expect(code).toBe(0);
});

it('eager-promises: run by hand, the script prints only its numbered lines', async () => {
  const playground = await loadPlayground('eager-promises');
  const dir = await mkdtemp(join(tmpdir(), 'event-loop-lab-by-hand-'));
  folders.push(dir);
  await materialise(playground, dir);
  const { PLAYGROUND_EVENTS: _events, ...inherited } = process.env;
  const child = spawn(process.execPath, ['main.ts'], { cwd: dir, env: inherited });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  await new Promise((resolve) => child.on('exit', resolve));
  expect(output.trim().split('\n').map((line) => line.split(' ')[0])).toEqual(['1.', '2.', '3.', '4.', '5.', '6.', '7.', '8.', '9.']);
});

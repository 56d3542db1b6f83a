// The WebContainer compatibility profiles on a real child Node: what each takes away, in the process it is
// preloaded into, in a worker thread it starts and in a cluster worker it forks (both inherit execArgv, which is
// how every thread of a playground run gets the profile).
import { execFile } from 'node:child_process';
import { pbkdf2Sync } from 'node:crypto';
import { access, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { profileExecArgv, type CompatProfile } from '../../src/playground/runtime/profiles.ts';

const run = promisify(execFile);

// Reports what it finds, as one JSON line per place it looked: the main thread, a worker thread, a cluster worker.
const PROBE = `
import * as workerThreads from 'node:worker_threads';
import cluster from 'node:cluster';
import { createRequire } from 'node:module';
import { pbkdf2, pbkdf2Sync, scrypt } from 'node:crypto';
import { monitorEventLoopDelay } from 'node:perf_hooks';

const threw = (call) => {
  try {
    call();
    return null;
  } catch (error) {
    return \`\${error.name}: \${error.message}\`;
  }
};

function look(where) {
  return {
    where,
    receiveInNamespace: 'receiveMessageOnPort' in workerThreads,
    receiveByRequire: typeof createRequire(import.meta.url)('node:worker_threads').receiveMessageOnPort,
    pbkdf2: threw(() => pbkdf2('p', 's', 1, 8, 'sha256', () => {})),
    scrypt: threw(() => scrypt('p', 's', 8, () => {})),
    pbkdf2Sync: pbkdf2Sync('p', 's', 1, 8, 'sha256').toString('hex'),
    monitorEventLoopDelay: threw(() => monitorEventLoopDelay().disable()),
    webcontainer: process.versions.webcontainer ?? null,
    atomicsWait: threw(() => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 0)),
  };
}

if (!workerThreads.isMainThread) {
  workerThreads.parentPort.postMessage(look('worker thread'));
} else if (cluster.isWorker) {
  process.send(look('cluster worker'), () => process.exit(0));
} else {
  console.log(JSON.stringify(look('main thread')));
  const worker = new workerThreads.Worker(new URL(import.meta.url));
  console.log(JSON.stringify(await new Promise((resolve) => worker.once('message', resolve))));
  await worker.terminate();
  const forked = cluster.fork();
  console.log(JSON.stringify(await new Promise((resolve) => forked.once('message', resolve))));
}
`;

// A named import of an export the runtime lacks fails to link; a namespace import still loads.
const NAMED_IMPORT = `import { receiveMessageOnPort } from 'node:worker_threads';
console.log(typeof receiveMessageOnPort);
`;

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'event-loop-lab-profile-'));
  await writeFile(join(dir, 'probe.mjs'), PROBE);
  await writeFile(join(dir, 'named.mjs'), NAMED_IMPORT);
});
afterAll(async () => rm(dir, { recursive: true, force: true }));

async function probe(profile?: CompatProfile): Promise<Array<Record<string, unknown>>> {
  const { stdout, stderr } = await run(process.execPath, [...(profile ? profileExecArgv(profile) : []), 'probe.mjs'], {
    cwd: dir,
  });
  expect(stderr).toBe('');
  return stdout.trim().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>);
}

const PBKDF2_SYNC = pbkdf2Sync('p', 's', 1, 8, 'sha256').toString('hex');
const PLACES = ['main thread', 'worker thread', 'cluster worker'];

describe('real Node without a profile', () => {
  it('has everything the profiles take away, in every thread and process', async () => {
    const found = await probe();
    expect(found.map((place) => place.where)).toEqual(PLACES);
    for (const place of found) {
      expect(place).toEqual({
        where: place.where,
        receiveInNamespace: true,
        receiveByRequire: 'function',
        pbkdf2: null,
        scrypt: null,
        pbkdf2Sync: PBKDF2_SYNC,
        monitorEventLoopDelay: null,
        webcontainer: null,
        atomicsWait: null,
      });
    }
  });
});

describe.each([
  { profile: 'webcontainer' as const, version: 'event-loop-lab-profile', atomicsWait: null },
  {
    profile: 'webcontainer-strict' as const,
    version: 'event-loop-lab-profile-strict',
    atomicsWait: 'TypeError: Atomics.wait cannot be called in this context',
  },
])('under the $profile profile', ({ profile, version, atomicsWait }) => {
  it('takes away what WebContainer lacks in the main thread, a worker thread and a cluster worker', async () => {
    const found = await probe(profile);
    expect(found.map((place) => place.where)).toEqual(PLACES);
    for (const place of found) {
      expect(place).toEqual({
        where: place.where,
        receiveInNamespace: false,
        receiveByRequire: 'undefined',
        pbkdf2: 'TypeError: y.run is not a function',
        scrypt: 'TypeError: y.run is not a function',
        pbkdf2Sync: PBKDF2_SYNC,
        monitorEventLoopDelay: expect.stringMatching(/^Error: .*monitorEventLoopDelay is not implemented/),
        webcontainer: version,
        atomicsWait,
      });
    }
  });

  it('makes a named import of receiveMessageOnPort fail to link, as where the export is missing', async () => {
    await expect(run(process.execPath, [...profileExecArgv(profile), 'named.mjs'], { cwd: dir })).rejects.toMatchObject({
      stderr: expect.stringContaining("does not provide an export named 'receiveMessageOnPort'"),
    });
    // Without the profile the same file links.
    expect((await run(process.execPath, ['named.mjs'], { cwd: dir })).stdout).toBe('function\n');
  });
});

describe('profileExecArgv', () => {
  it('gives --import and an absolute file URL that exists, for each profile', async () => {
    for (const profile of ['webcontainer', 'webcontainer-strict'] as const) {
      const [flag, url] = profileExecArgv(profile);
      expect(flag).toBe('--import');
      expect(url).toMatch(/^file:\/\/\/.*\/src\/playground\/runtime\/webcontainer-profile(-strict)?\.mjs$/);
      // Only looked at, never imported: it would put this test process under the profile.
      await expect(access(fileURLToPath(url!))).resolves.toBeUndefined();
    }
  });
});

// The local runner over real HTTP on 127.0.0.1: every refusal, then what it runs and how it ends it.
import { existsSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { HttpError } from '../../src/runner/http.ts';
import { DEFAULT_LIMITS } from '../../src/runner/limits.ts';
import { createRunner, type Runner } from '../../src/runner/server.ts';
import { SessionTable } from '../../src/runner/sessions.ts';
import {
  alive,
  call,
  expectJson,
  heldBody,
  lineReader,
  mount,
  newSession,
  ORIGIN,
  rawStatus,
  readLines,
  spawnProcess,
  startRunner,
  TOKEN,
  until,
} from './runner-helpers.ts';

const HELLO = `const lines: string[] = ['first line', 'second line'];
for (const line of lines) console.log(line);
process.exitCode = 3;
`;
const FOREVER = `console.log(String(process.pid));
setInterval(() => {}, 1000);
`;
const SERVER = `import { createServer } from 'node:http';
createServer((_request, response) => response.end('ok')).listen(Number(process.env.PORT), '127.0.0.1');
`;

let runner: Runner;
afterEach(async () => {
  await runner?.close();
});

describe('the local runner refuses', () => {
  let session: string;
  beforeEach(async () => {
    runner = await startRunner({ liveProcesses: 2, sessions: 2 });
    session = await newSession(runner);
  });

  it('a request without a token (401)', async () => {
    const body = await expectJson(call(runner, '/v1/hello', { headers: { Authorization: '' } }), 401);
    expect(body.error).toBe('token-refused');
  });

  it('a request with a wrong token (401)', async () => {
    await expectJson(call(runner, '/v1/hello', { headers: { Authorization: `Bearer ${TOKEN}x` } }), 401);
    await expectJson(call(runner, '/v1/hello', { headers: { Authorization: TOKEN } }), 401);
  });

  it('a foreign Origin, and a request with none (403), without CORS headers', async () => {
    const foreign = await call(runner, '/v1/hello', { headers: { Origin: 'http://evil.example' } });
    expect(foreign.status).toBe(403);
    expect(foreign.headers.get('access-control-allow-origin')).toBeNull();
    expect((await foreign.json()).error).toBe('origin-refused');
    await expectJson(call(runner, '/v1/hello', { headers: { Origin: '' } }), 403);
    await expectJson(call(runner, '/v1/hello', { headers: { Origin: 'null' } }), 403);
  });

  it('a foreign Host header: DNS rebinding (421)', async () => {
    const { port } = new URL(runner.url);
    const headers = { Origin: ORIGIN, Authorization: `Bearer ${TOKEN}` };
    expect(await rawStatus(runner, '/v1/hello', { ...headers, Host: `rebind.evil.example:${port}` })).toBe(421);
    expect(await rawStatus(runner, '/v1/hello', { ...headers, Host: `127.0.0.1:${Number(port) + 1}` })).toBe(421);
    expect(await rawStatus(runner, '/v1/hello', { ...headers, Host: `localhost:${port}` })).toBe(200);
  });

  it('file names with ../ (400)', async () => {
    for (const name of ['../escape.ts', '..', 'a/../../b.ts']) {
      const body = await expectJson(call(runner, `/v1/sessions/${session}/folders/demo`, { method: 'PUT', body: { files: { [name]: 'x' } } }), 400);
      expect(body.error).toBe('bad-name');
    }
    await expectJson(call(runner, `/v1/sessions/${session}/folders/..%2F..`, { method: 'PUT', body: { files: {} } }), 400);
  });

  it('absolute paths, backslashes, NUL and nested folders in file names (400)', async () => {
    for (const name of ['/etc/passwd', 'C:\\x.ts', '..\\x.ts', 'a\0.ts', 'sub/file.ts', '-e']) {
      await expectJson(call(runner, `/v1/sessions/${session}/folders/demo`, { method: 'PUT', body: { files: { [name]: 'x' } } }), 400);
    }
    const outside = { folder: 'demo', argv: ['node', '/etc/passwd'] };
    await expectJson(call(runner, `/v1/sessions/${session}/processes`, { method: 'POST', body: outside }), 400);
  });

  it('an oversize payload, and too many files (413)', async () => {
    const big = { files: { 'big.ts': 'x'.repeat(1024 * 1024 + 1) } };
    const body = await expectJson(call(runner, `/v1/sessions/${session}/folders/demo`, { method: 'PUT', body: big }), 413);
    expect(body.error).toBe('payload-too-large');
    const many = { files: Object.fromEntries(Array.from({ length: 65 }, (_, i) => [`f${i}.ts`, ''])) };
    await expectJson(call(runner, `/v1/sessions/${session}/folders/demo`, { method: 'PUT', body: many }), 413);
  });

  it('too many processes, and too many sessions (429)', async () => {
    await mount(runner, session, 'demo', { 'forever.ts': FOREVER });
    await spawnProcess(runner, session, 'demo', ['node', 'forever.ts']);
    await spawnProcess(runner, session, 'demo', ['node', 'forever.ts']);
    const body = { folder: 'demo', argv: ['node', 'forever.ts'] };
    expect((await expectJson(call(runner, `/v1/sessions/${session}/processes`, { method: 'POST', body }), 429)).error).toBe('too-many-processes');
    await newSession(runner);
    await expectJson(call(runner, '/v1/sessions', { method: 'POST', body: {} }), 429);
  });

  it('NODE_OPTIONS and malformed names in the environment (400)', async () => {
    await mount(runner, session, 'demo', { 'hello.ts': HELLO });
    const path = `/v1/sessions/${session}/processes`;
    const spawn = (env: Record<string, string>) => call(runner, path, { method: 'POST', body: { folder: 'demo', argv: ['node', 'hello.ts'], env } });
    expect((await expectJson(spawn({ NODE_OPTIONS: '--inspect=0.0.0.0:9229' }), 400)).error).toBe('env-refused');
    await expectJson(spawn({ 'lower-case': '1' }), 400);
  });

  it('anything but node, or a file that was not mounted (400, 404)', async () => {
    await mount(runner, session, 'demo', { 'hello.ts': HELLO });
    const path = `/v1/sessions/${session}/processes`;
    await expectJson(call(runner, path, { method: 'POST', body: { folder: 'demo', argv: ['sh', '-c', 'id'] } }), 400);
    await expectJson(call(runner, path, { method: 'POST', body: { folder: 'demo', argv: ['node', '--eval', '1'] } }), 400);
    await expectJson(call(runner, path, { method: 'POST', body: { folder: 'demo', argv: ['node', 'other.ts'] } }), 404);
  });

  it('unknown sessions, processes and routes (404), and a wrong method (405)', async () => {
    await expectJson(call(runner, '/v1/sessions/nope/lease'), 404);
    await expectJson(call(runner, `/v1/sessions/${session}/processes/p99/output`), 404);
    await expectJson(call(runner, '/v2/hello'), 404);
    const wrong = await call(runner, '/v1/hello', { method: 'POST', body: {} });
    expect(wrong.status).toBe(405);
    expect(wrong.headers.get('allow')).toBe('GET');
  });
});

describe('the local runner', () => {
  it('answers a preflight from an allowed origin without a token', async () => {
    runner = await startRunner();
    const answer = await fetch(`${runner.url}/v1/sessions`, {
      method: 'OPTIONS',
      headers: { Origin: ORIGIN, 'Access-Control-Request-Method': 'POST', 'Access-Control-Request-Headers': 'authorization,content-type' },
    });
    expect(answer.status).toBe(204);
    expect(answer.headers.get('access-control-allow-origin')).toBe(ORIGIN);
    expect(answer.headers.get('access-control-allow-headers')).toMatch(/Authorization/);
  });

  it('refuses to start on a non-loopback host or with a short token', async () => {
    await expect(createRunner({ host: '0.0.0.0', allowedOrigins: new Set([ORIGIN]) })).rejects.toThrow(/loopback/);
    await expect(createRunner({ token: 'short', allowedOrigins: new Set([ORIGIN]) })).rejects.toThrow(/token/);
  });

  it('runs a TypeScript file and streams its output, then its exit code', async () => {
    runner = await startRunner();
    const hello = await expectJson<{ runner: string; api: number }>(call(runner, '/v1/hello'), 200);
    expect(hello).toMatchObject({ runner: 'event-loop-lab', api: 1 });
    const session = await newSession(runner);
    await mount(runner, session, 'demo', { 'hello.ts': HELLO });
    const id = await spawnProcess(runner, session, 'demo', ['node', 'hello.ts']);
    const lines = await readLines(await call(runner, `/v1/sessions/${session}/processes/${id}/output`));
    const output = lines.map((line) => line.chunk ?? '').join('');
    expect(output).toContain('first line\nsecond line\n');
    expect(lines.at(-1)).toEqual({ exit: 3 });
    // A late reader gets the same, from the start.
    expect(await readLines(await call(runner, `/v1/sessions/${session}/processes/${id}/output`))).toEqual([{ chunk: output }, { exit: 3 }]);
  });

  it('hands out free ports and says when a server listens on one', async () => {
    runner = await startRunner();
    const session = await newSession(runner);
    const { ports } = await expectJson<{ ports: number[] }>(call(runner, `/v1/sessions/${session}/ports`, { method: 'POST', body: { count: 2 } }), 200);
    expect(new Set(ports).size).toBe(2);
    const [port = 0] = ports;
    await expectJson(call(runner, `/v1/sessions/${session}/ports/${port}/wait?timeoutMs=200`), 504);
    await mount(runner, session, 'demo', { 'server.ts': SERVER });
    await spawnProcess(runner, session, 'demo', ['node', 'server.ts'], { PORT: String(port) });
    await expectJson(call(runner, `/v1/sessions/${session}/ports/${port}/wait?timeoutMs=10000`), 200);
    expect(await (await fetch(`http://127.0.0.1:${port}/`)).text()).toBe('ok');
  });

  it('kills a long-running process, and the processes it started', async () => {
    runner = await startRunner();
    const session = await newSession(runner);
    const parent = `import { spawn } from 'node:child_process';
const child = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore' });
console.log(JSON.stringify({ parent: process.pid, child: child.pid }));
setInterval(() => {}, 1000);
`;
    await mount(runner, session, 'demo', { 'parent.ts': parent });
    const id = await spawnProcess(runner, session, 'demo', ['node', 'parent.ts']);
    const output = lineReader(await call(runner, `/v1/sessions/${session}/processes/${id}/output`));
    const pids = JSON.parse(String((await output.next())?.chunk)) as { parent: number; child: number };
    expect(alive(pids.parent) && alive(pids.child)).toBe(true);
    await expectJson(call(runner, `/v1/sessions/${session}/processes/${id}/kill`, { method: 'POST', body: {} }), 202);
    expect(await output.next()).toEqual({ exit: 143 });
    await until(() => !alive(pids.child));
  });

  it('kills a process past its wall-clock limit, with a notice the page words in its language', async () => {
    runner = await startRunner({ processMs: 300 });
    const session = await newSession(runner);
    await mount(runner, session, 'demo', { 'forever.ts': FOREVER });
    const id = await spawnProcess(runner, session, 'demo', ['node', 'forever.ts']);
    const lines = await readLines(await call(runner, `/v1/sessions/${session}/processes/${id}/output`));
    expect(lines.slice(-2)).toEqual([{ notice: { code: 'time-limit', values: { seconds: 0.3 } } }, { exit: 143 }]);
    expect(lines.map((line) => line.chunk ?? '').join('')).not.toContain('runner');
  });

  it('keeps only so much output per process, then a notice, also for a late reader', async () => {
    runner = await startRunner({ outputBytes: 1000 });
    const session = await newSession(runner);
    await mount(runner, session, 'demo', { 'loud.ts': "process.stdout.write('y'.repeat(600));\nsetTimeout(() => process.stdout.write('x'.repeat(5000)), 50);\n" });
    const id = await spawnProcess(runner, session, 'demo', ['node', 'loud.ts']);
    const lines = await readLines(await call(runner, `/v1/sessions/${session}/processes/${id}/output`));
    const text = lines.map((line) => line.chunk ?? '').join('');
    expect(text).toBe('y'.repeat(600));
    expect(lines.slice(-2)).toEqual([{ notice: { code: 'output-limit', values: { bytes: 1000 } } }, { exit: 0 }]);
    // Read again after the end: the kept output replays in the same order, the notice in its place.
    const again = await readLines(await call(runner, `/v1/sessions/${session}/processes/${id}/output`));
    expect(again.map((line) => line.chunk ?? '').join('')).toBe(text);
    expect(again.slice(-2)).toEqual(lines.slice(-2));
  });

  it("kills a session's processes once its lease closes, and forgets the session", async () => {
    const leaseGraceMs = 200;
    runner = await startRunner({ leaseGraceMs });
    const session = await newSession(runner);
    const leaseAbort = new AbortController();
    const lease = lineReader(await fetch(`${runner.url}/v1/sessions/${session}/lease`, {
      headers: { Origin: ORIGIN, Authorization: `Bearer ${TOKEN}` },
      signal: leaseAbort.signal,
    }));
    await mount(runner, session, 'demo', { 'forever.ts': FOREVER });
    const id = await spawnProcess(runner, session, 'demo', ['node', 'forever.ts']);
    const first = await lease.next();
    expect(first?.process).toBe(id);
    const pid = Number(first?.chunk);
    expect(alive(pid)).toBe(true);
    // Held: the grace period runs only without a lease. That nothing happens can only be waited out, so this one
    // sleeps on the clock, for twice the grace the runner would otherwise give.
    await new Promise((resolve) => setTimeout(resolve, 2 * leaseGraceMs));
    expect(alive(pid)).toBe(true);
    leaseAbort.abort();
    await until(() => !alive(pid));
    await until(async () => (await call(runner, `/v1/sessions/${session}/processes/${id}/output`)).status === 404);
  });

  it('removes the session folder on DELETE', async () => {
    runner = await startRunner();
    const session = await newSession(runner);
    const where = `console.log(process.cwd());\n`;
    await mount(runner, session, 'demo', { 'where.ts': where });
    const id = await spawnProcess(runner, session, 'demo', ['node', 'where.ts']);
    const cwd = (await readLines(await call(runner, `/v1/sessions/${session}/processes/${id}/output`)))[0]?.chunk as string;
    expect(cwd.startsWith(tmpdir())).toBe(true);
    expect(existsSync(cwd.trim())).toBe(true);
    await expectJson(call(runner, `/v1/sessions/${session}`, { method: 'DELETE' }), 200);
    expect(existsSync(cwd.trim())).toBe(false);
  });

  it("starts playgrounds from a minimal environment: none of the runner's own variables", async () => {
    process.env.ELL_TEST_SECRET = 'hunter2';
    try {
      runner = await startRunner();
      const session = await newSession(runner);
      const env = `console.log(JSON.stringify({ secret: process.env.ELL_TEST_SECRET ?? null, names: Object.keys(process.env).sort(), home: process.env.HOME }));\n`;
      await mount(runner, session, 'demo', { 'env.ts': env });
      const id = await spawnProcess(runner, session, 'demo', ['node', 'env.ts'], { GIVEN: 'yes' });
      const text = (await readLines(await call(runner, `/v1/sessions/${session}/processes/${id}/output`))).map((line) => line.chunk ?? '').join('');
      const seen = JSON.parse(text) as { secret: string | null; names: string[]; home: string };
      expect(seen.secret).toBeNull();
      expect(seen.names.filter((name) => !['PATH', 'HOME', 'TMPDIR', 'LANG', 'GIVEN'].includes(name))).toEqual([]);
      expect(seen.home.startsWith(tmpdir())).toBe(true);
    } finally {
      delete process.env.ELL_TEST_SECRET;
    }
  });
});

// DELETE, or the lease running out, can land while a mount or spawn for the same session is under way: after
// the route looked the session up, while it reads the body, or between the steps of the mount or spawn.
describe('a session that closes while a request is under way', () => {
  async function refusalOf(promise: Promise<unknown>): Promise<{ status: number; code: string } | 'done'> {
    return promise.then(
      (value) => {
        // Before the fix a spawn started a process nobody would kill: end it here so a failing run leaves none.
        (value as { killNow?: () => void } | undefined)?.killNow?.();
        return 'done' as const;
      },
      (error: unknown) => (error instanceof HttpError ? { status: error.status, code: error.code } : { status: 0, code: String(error) }),
    );
  }

  it('refuses a mount that was under way (404), and writes nothing under the removed folder', async () => {
    const table = new SessionTable(DEFAULT_LIMITS);
    const session = await table.create();
    try {
      const mounting = refusalOf(session.mount('demo', new Map([['a.ts', '1;\n'], ['b.ts', '2;\n']])));
      const closing = table.close(session.id);
      expect(await mounting).toEqual({ status: 404, code: 'no-such-session' });
      await closing;
      expect(existsSync(session.dir)).toBe(false);
    } finally {
      await rm(session.dir, { recursive: true, force: true });
    }
  });

  it('refuses a spawn that was under way (404), and starts nothing', async () => {
    const table = new SessionTable(DEFAULT_LIMITS);
    const session = await table.create();
    await session.mount('demo', new Map([['forever.ts', FOREVER]]));
    const spawning = refusalOf(session.spawn({ folder: 'demo', script: 'forever.ts', args: [], env: {} }));
    const closing = table.close(session.id);
    expect(await spawning).toEqual({ status: 404, code: 'no-such-session' });
    await closing;
    expect(existsSync(session.dir)).toBe(false);
  });

  it('refuses over HTTP a spawn whose session is being deleted while its body is read (404)', async () => {
    runner = await startRunner();
    const session = await newSession(runner);
    // Ignores SIGTERM, so the DELETE is still waiting for it (up to killGraceMs) when the spawn's body arrives.
    const stubborn = "process.on('SIGTERM', () => console.log('term'));\nconsole.log('up');\nsetInterval(() => {}, 1000);\n";
    await mount(runner, session, 'demo', { 'stubborn.ts': stubborn, 'late.ts': "console.log('late');\n" });
    const first = await spawnProcess(runner, session, 'demo', ['node', 'stubborn.ts']);
    const output = lineReader(await call(runner, `/v1/sessions/${session}/processes/${first}/output`));
    expect((await output.next())?.chunk).toBe('up\n');
    const spawn = heldBody(runner, 'POST', `/v1/sessions/${session}/processes`, { folder: 'demo', argv: ['node', 'late.ts'], env: {} });
    await spawn.looked;
    const deleted = expectJson(call(runner, `/v1/sessions/${session}`, { method: 'DELETE' }), 200);
    expect((await output.next())?.chunk).toBe('term\n'); // the DELETE has begun closing the session
    try {
      expect(await spawn.send()).toMatchObject({ status: 404, body: { error: 'no-such-session' } });
    } finally {
      await deleted; // the stubborn process is gone only once the DELETE has answered
    }
  });

  it('refuses over HTTP a mount whose session was deleted while its body was read (404), and recreates nothing', async () => {
    runner = await startRunner();
    const session = await newSession(runner);
    await mount(runner, session, 'demo', { 'where.ts': 'console.log(process.cwd());\n' });
    const id = await spawnProcess(runner, session, 'demo', ['node', 'where.ts']);
    const cwd = ((await readLines(await call(runner, `/v1/sessions/${session}/processes/${id}/output`)))[0]?.chunk as string).trim();
    const dir = join(cwd, '..', '..');
    expect(dir.startsWith(join(tmpdir(), 'event-loop-lab-runner-'))).toBe(true);
    const put = heldBody(runner, 'PUT', `/v1/sessions/${session}/folders/demo`, { files: { 'again.ts': '1;\n' } });
    await put.looked;
    await expectJson(call(runner, `/v1/sessions/${session}`, { method: 'DELETE' }), 200);
    try {
      expect(await put.send()).toMatchObject({ status: 404, body: { error: 'no-such-session' } });
      expect(existsSync(cwd)).toBe(false);
    } finally {
      await rm(dir, { recursive: true, force: true }); // what a failing run recreated
    }
  });
});

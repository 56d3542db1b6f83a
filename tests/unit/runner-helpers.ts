// Shared by the runner tests: a runner on a random loopback port, and a client that speaks to it as the
// page would (Origin and token set), or not, to see each refusal.
import { request } from 'node:http';
import type { RunnerLimits } from '../../src/runner/limits.ts';
import { createRunner, type Runner } from '../../src/runner/server.ts';

export const ORIGIN = 'http://127.0.0.1:4329';
export const TOKEN = 'test-token-0123456789abcdefghijklmnopqrstuvwxyz';

export function startRunner(limits: Partial<RunnerLimits> = {}): Promise<Runner> {
  // A long lease grace by default: most tests open no lease; the lease test shortens it.
  return createRunner({ port: 0, token: TOKEN, allowedOrigins: new Set([ORIGIN]), limits: { leaseGraceMs: 60_000, ...limits } });
}

export interface Call {
  method?: string;
  body?: unknown;
  headers?: Record<string, string>;
}

/** A request as the page makes it; `headers` override (or, set to '', drop) the defaults. */
export async function call(runner: Runner, path: string, { method = 'GET', body, headers = {} }: Call = {}): Promise<Response> {
  const merged: Record<string, string> = { Origin: ORIGIN, Authorization: `Bearer ${runner.token}`, 'Content-Type': 'application/json', ...headers };
  for (const [name, value] of Object.entries(merged)) if (value === '') delete merged[name];
  return fetch(`${runner.url}${path}`, {
    method,
    headers: merged,
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  });
}

/** The JSON answer, asserting its status. */
export async function expectJson<T = Record<string, unknown>>(response: Promise<Response>, status: number): Promise<T> {
  const answer = await response;
  const body = (await answer.json()) as T;
  if (answer.status !== status) throw new Error(`expected ${status}, got ${answer.status}: ${JSON.stringify(body)}`);
  return body;
}

/** Raw HTTP, for what fetch will not send: a foreign Host header. */
export function rawStatus(runner: Runner, path: string, headers: Record<string, string>): Promise<number> {
  const { port } = new URL(runner.url);
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, headers }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('error', reject);
    req.end();
  });
}

/** Reads an NDJSON stream to its end. */
export async function readLines(response: Response): Promise<Array<Record<string, unknown>>> {
  const text = await response.text();
  return text
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}

export async function newSession(runner: Runner): Promise<string> {
  return (await expectJson<{ session: string }>(call(runner, '/v1/sessions', { method: 'POST', body: {} }), 201)).session;
}

export async function mount(runner: Runner, session: string, folder: string, files: Record<string, string>): Promise<void> {
  await expectJson(call(runner, `/v1/sessions/${session}/folders/${folder}`, { method: 'PUT', body: { files } }), 200);
}

export async function spawnProcess(runner: Runner, session: string, folder: string, argv: string[], env: Record<string, string> = {}): Promise<string> {
  const path = `/v1/sessions/${session}/processes`;
  return (await expectJson<{ process: string }>(call(runner, path, { method: 'POST', body: { folder, argv, env } }), 201)).process;
}

/** Is a process with this pid still alive? */
export function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

export async function until(check: () => boolean | Promise<boolean>, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/** Reads an NDJSON stream one line at a time, as it arrives; blank lines (heartbeats) are skipped. */
export function lineReader(response: Response): { next(): Promise<Record<string, unknown> | undefined>; cancel(): Promise<void> } {
  const reader = (response.body as ReadableStream<Uint8Array>).getReader();
  const decoder = new TextDecoder();
  const ready: string[] = [];
  let pending = '';
  return {
    async next() {
      while (ready.length === 0) {
        const { done, value } = await reader.read();
        if (done) return undefined;
        const lines = (pending + decoder.decode(value, { stream: true })).split('\n');
        pending = lines.pop() ?? '';
        ready.push(...lines.filter((line) => line.trim() !== ''));
      }
      return JSON.parse(ready.shift() ?? '') as Record<string, unknown>;
    },
    cancel: () => reader.cancel(),
  };
}

/**
 * A request whose body is held back: `looked` resolves once the runner has taken the request in (it answers
 * `Expect: 100-continue` just before its handler runs, and the handler looks the session up before reading
 * the body), `send()` then sends the body and resolves with the answer.
 */
export function heldBody(runner: Runner, method: string, path: string, body: unknown): {
  looked: Promise<void>;
  send(): Promise<{ status: number; body: Record<string, unknown> }>;
} {
  const { port } = new URL(runner.url);
  const text = JSON.stringify(body);
  const req = request({
    host: '127.0.0.1',
    port,
    method,
    path,
    headers: {
      Origin: ORIGIN,
      Authorization: `Bearer ${runner.token}`,
      'Content-Type': 'application/json',
      'Content-Length': Buffer.byteLength(text),
      Expect: '100-continue',
    },
  });
  const answer = new Promise<{ status: number; body: Record<string, unknown> }>((resolve, reject) => {
    req.on('response', (res) => {
      let data = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (data += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: JSON.parse(data || '{}') as Record<string, unknown> }));
    });
    req.on('error', reject);
  });
  const looked = new Promise<void>((resolve) => req.once('continue', () => resolve()));
  req.flushHeaders();
  return {
    looked,
    send: () => {
      req.end(text);
      return answer;
    },
  };
}

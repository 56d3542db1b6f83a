// The Runtime over the local runner (src/runner/README.md): real Node on the reader's own machine, reached
// with CORS fetches. One session per page; its lease, a response the runner streams for as long as the page
// holds it, carries every process's output (one connection, however many processes: browsers allow only six
// per host, and a stream per process would starve the kill requests) and ends the session when the page goes.
// Browser-side code: no `node:` imports.
import type { ErrorBody, HelloBody, LeaseLine } from '../../runner/protocol.ts';
import { abortable, RuntimeError, type ProcessNotice, type Runtime, type RuntimeProcess } from './types.ts';

export interface LocalRunnerConfig {
  /** The runner's origin, loopback only: `http://127.0.0.1:4398`. */
  url: string;
  token: string;
}

export interface LocalRuntimeOptions {
  /** How long boot() waits for the runner to answer at all. */
  bootTimeoutMs?: number;
  /** For tests in Node, which (unlike a browser) sends no Origin header by itself. */
  fetch?: typeof fetch;
}

const BOOT_TIMEOUT_MS = 3_000;
// Short: the probe decides whether to offer the runner at all, and a runner on loopback answers in milliseconds.
const PROBE_TIMEOUT_MS = 1_500;
// A port wait is bounded by the runner; this is the margin for the answer to travel back.
const PORT_WAIT_SLACK_MS = 2_000;
// After a teardown the runner ends the lease once every exit has been sent; this bounds the wait for that.
const LEASE_DRAIN_MS = 3_000;
const STORAGE_KEY = 'ell:runner';

interface Channel {
  output: ReadableStream<string | ProcessNotice>;
  exit: Promise<number>;
  push(chunk: string | ProcessNotice): void;
  end(code: number): void;
  fail(error: RuntimeError): void;
}

function createChannel(): Channel {
  let controller!: ReadableStreamDefaultController<string | ProcessNotice>;
  let open = true;
  let settle!: { resolve: (code: number) => void; reject: (error: RuntimeError) => void };
  const output = new ReadableStream<string | ProcessNotice>({
    start: (c) => void (controller = c),
    cancel: () => void (open = false),
  });
  const exit = new Promise<number>((resolve, reject) => (settle = { resolve, reject }));
  // A process lost with the runner rejects `exit`; a caller that never awaits it must not see that as unhandled.
  exit.catch(() => {});
  const close = (then: () => void) => {
    if (open) then();
    open = false;
  };
  return {
    output,
    exit,
    push: (chunk) => open && controller.enqueue(chunk),
    end: (code) => {
      close(() => controller.close());
      settle.resolve(code);
    },
    fail: (error) => {
      close(() => controller.error(error));
      settle.reject(error);
    },
  };
}

interface Session {
  id: string;
  lease: AbortController;
  /** Resolves once the lease stream has ended, however. */
  leaseDone: Promise<void>;
}

export function createLocalRuntime(config: LocalRunnerConfig, options: LocalRuntimeOptions = {}): Runtime {
  const fetchImpl = options.fetch ?? globalThis.fetch.bind(globalThis);
  const base = config.url.replace(/\/+$/, '');
  const headers = { Authorization: `Bearer ${config.token}`, 'Content-Type': 'application/json' };
  const channels = new Map<string, Channel>();
  let booting: Promise<Session> | undefined;

  const channel = (id: string): Channel => {
    let found = channels.get(id);
    if (!found) channels.set(id, (found = createChannel()));
    return found;
  };

  async function call(method: string, path: string, body?: unknown, signal?: AbortSignal): Promise<Response> {
    let response: Response;
    try {
      response = await fetchImpl(`${base}${path}`, {
        method,
        mode: 'cors',
        cache: 'no-store',
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
        signal,
      });
    } catch (error) {
      if (signal?.aborted) throw signal.reason instanceof RuntimeError ? signal.reason : new RuntimeError('aborted', 'stopped by the reader');
      // A refused origin looks the same to the page: the browser hides a response without CORS headers.
      throw new RuntimeError('runner-unreachable', `${base}: ${error instanceof Error ? error.message : String(error)}`);
    }
    if (response.ok) return response;
    const refusal = (await response.json().catch(() => ({}))) as Partial<ErrorBody>;
    const detail = `${response.status} ${refusal.error ?? 'error'}: ${refusal.message ?? response.statusText}`;
    throw new RuntimeError(refusal.error === 'port-timeout' ? 'port-timeout' : 'runner-refused', detail);
  }

  async function json<T>(method: string, path: string, body?: unknown, signal?: AbortSignal): Promise<T> {
    return (await (await call(method, path, body, signal)).json()) as T;
  }

  async function readLease(body: ReadableStream<Uint8Array>): Promise<void> {
    const reader = body.getReader();
    const decoder = new TextDecoder();
    let pending = '';
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        const lines = (pending + decoder.decode(value, { stream: true })).split('\n');
        pending = lines.pop() ?? '';
        for (const line of lines) {
          if (line.trim() === '') continue;
          const message = JSON.parse(line) as LeaseLine;
          if ('chunk' in message) channel(message.process).push(message.chunk);
          else if ('notice' in message) channel(message.process).push(message.notice);
          else channel(message.process).end(message.exit);
        }
      }
    } catch {
      // Aborted by teardown, or the runner went away: either way the processes below are lost to us.
    }
    for (const open of channels.values()) open.fail(new RuntimeError('runner-unreachable', 'the runner ended the session'));
    channels.clear();
  }

  // The page going away (closed, reloaded, navigated) ends the session now; the lease is the fallback for
  // when this request does not make it.
  const onPageHide = () => {
    const current = booting;
    booting = undefined;
    void current?.then(({ id, lease }) => {
      void fetchImpl(`${base}/v1/sessions/${id}`, { method: 'DELETE', mode: 'cors', headers, keepalive: true }).catch(() => {});
      lease.abort();
    }, () => {});
  };

  const bootTimeoutMs = options.bootTimeoutMs ?? BOOT_TIMEOUT_MS;

  // Bounded by its own timeout only: the session is shared by every playground on the page, so one reader's
  // Stop must not end another's boot (each caller's wait is abortable on its own, in boot()).
  async function start(): Promise<Session> {
    const timeout = new AbortController();
    const timer = setTimeout(
      () => timeout.abort(new RuntimeError('runner-unreachable', `no answer from ${base} within ${bootTimeoutMs} ms`)),
      bootTimeoutMs,
    );
    const bounded = timeout.signal;
    try {
      await call('GET', '/v1/hello', undefined, bounded);
      const { session: id } = await json<{ session: string }>('POST', '/v1/sessions', {}, bounded);
      // The lease outlives boot: only the boot's own bound may cut it short, and only until it is open.
      const lease = new AbortController();
      const cut = () => lease.abort(bounded.reason);
      bounded.addEventListener('abort', cut, { once: true });
      const response = await call('GET', `/v1/sessions/${id}/lease`, undefined, lease.signal).finally(() =>
        bounded.removeEventListener('abort', cut),
      );
      if (!response.body) throw new RuntimeError('runner-unreachable', 'the lease has no body');
      globalThis.addEventListener?.('pagehide', onPageHide);
      return { id, lease, leaseDone: readLease(response.body) };
    } finally {
      clearTimeout(timer);
    }
  }

  // Shared while in flight and once done; a failure is not kept, so Run can try again once the runner is up
  // (only this attempt's failure: a teardown may already have let a newer one start).
  const session = (): Promise<Session> => {
    if (!booting) {
      const attempt: Promise<Session> = start().catch((error: unknown) => {
        if (booting === attempt) booting = undefined;
        throw error;
      });
      booting = attempt;
    }
    return booting;
  };

  return {
    kind: 'local',
    async boot(signal) {
      await abortable(session(), signal);
    },
    async mount(folder, files) {
      const { id } = await session();
      await call('PUT', `/v1/sessions/${id}/folders/${encodeURIComponent(folder)}`, { files });
    },
    async spawn(folder, argv, spawnOptions = {}) {
      const { id } = await session();
      const body = { folder, argv, env: spawnOptions.env ?? {} };
      const { process } = await json<{ process: string }>('POST', `/v1/sessions/${id}/processes`, body);
      const { output, exit } = channel(process);
      const running: RuntimeProcess = {
        output,
        exit,
        kill: () => void call('POST', `/v1/sessions/${id}/processes/${process}/kill`).catch(() => {}),
      };
      return running;
    },
    async ports(wanted) {
      if (wanted.length === 0) return [];
      const { id } = await session();
      return (await json<{ ports: number[] }>('POST', `/v1/sessions/${id}/ports`, { count: wanted.length })).ports;
    },
    async waitForPort(port, { timeoutMs, signal }) {
      const { id } = await session();
      const timeout = AbortSignal.timeout(timeoutMs + PORT_WAIT_SLACK_MS);
      const bounded = signal ? AbortSignal.any([signal, timeout]) : timeout;
      try {
        await call('GET', `/v1/sessions/${id}/ports/${port}/wait?timeoutMs=${timeoutMs}`, undefined, bounded);
      } catch (error) {
        if (timeout.aborted && !signal?.aborted) throw new RuntimeError('port-timeout', `nothing listened on port ${port}`);
        throw error;
      }
    },
    async teardown() {
      const current = booting;
      booting = undefined;
      globalThis.removeEventListener?.('pagehide', onPageHide);
      const done = await current?.catch(() => undefined);
      if (!done) return;
      // The runner kills the processes, sends their exits down the lease, then ends it.
      await call('DELETE', `/v1/sessions/${done.id}`).catch(() => {});
      await Promise.race([done.leaseDone, new Promise((resolve) => setTimeout(resolve, LEASE_DRAIN_MS))]);
      done.lease.abort();
      await done.leaseDone;
    },
  };
}

/**
 * Whether the runner at `config` answers now, as ours and to this token. An address handed to the page is no
 * promise that anything listens there (the dev server was stopped, a tab kept an old fragment), and a runner
 * offered but dead only trades one error for another. Never rejects: anything but a good hello is "no".
 */
export async function probeLocalRunner(
  config: LocalRunnerConfig,
  options: { timeoutMs?: number; fetch?: typeof fetch } = {},
): Promise<boolean> {
  const fetchImpl = options.fetch ?? globalThis.fetch.bind(globalThis);
  try {
    const response = await fetchImpl(`${config.url}/v1/hello`, {
      mode: 'cors',
      cache: 'no-store',
      headers: { Authorization: `Bearer ${config.token}` },
      // Bounds the answer's body too: a server that accepts and then says nothing is not a runner.
      signal: AbortSignal.timeout(options.timeoutMs ?? PROBE_TIMEOUT_MS),
    });
    if (!response.ok) return false;
    const hello = (await response.json()) as Partial<HelloBody>;
    return hello.runner === 'event-loop-lab' && hello.api === 1;
  } catch {
    return false;
  }
}

/** Only a runner on the reader's own machine: a link must not point the page's Run at someone else's server. */
function loopbackConfig(value: unknown): LocalRunnerConfig | null {
  if (typeof value !== 'object' || value === null) return null;
  const { url, token } = value as Record<string, unknown>;
  if (typeof url !== 'string' || typeof token !== 'string' || token === '') return null;
  try {
    const parsed = new URL(url);
    const loopback = ['127.0.0.1', 'localhost', '[::1]'].includes(parsed.hostname);
    return parsed.protocol === 'http:' && loopback && parsed.origin === url.replace(/\/+$/, '') ? { url: parsed.origin, token } : null;
  } catch {
    return null;
  }
}

/**
 * Where the local runner is, if the reader has one: injected by `astro dev` (`window.__ELL_RUNNER__`), or
 * handed over in the address (`#runner=<url>&token=<token>`, printed by `npm run runner`), which is then kept
 * for this tab in sessionStorage and removed from the address bar so the token is not bookmarked or shared.
 */
export function findLocalRunner(): LocalRunnerConfig | null {
  const injected = loopbackConfig((globalThis as { __ELL_RUNNER__?: unknown }).__ELL_RUNNER__);
  if (injected) return injected;
  const { location, history } = globalThis;
  const fragment = new URLSearchParams(location?.hash.slice(1) ?? '');
  if (fragment.has('runner')) {
    const handed = loopbackConfig({ url: fragment.get('runner'), token: fragment.get('token') });
    fragment.delete('runner');
    fragment.delete('token');
    const rest = fragment.toString();
    history?.replaceState(history.state, '', `${location.pathname}${location.search}${rest ? `#${rest}` : ''}`);
    if (handed) {
      try {
        sessionStorage.setItem(STORAGE_KEY, JSON.stringify(handed));
      } catch {
        // Storage blocked: the runner still works on this page, just not on the next one.
      }
      return handed;
    }
  }
  try {
    return loopbackConfig(JSON.parse(sessionStorage.getItem(STORAGE_KEY) ?? 'null'));
  } catch {
    return null;
  }
}

// The local runner: a loopback HTTP server that runs playgrounds with real Node for the page that holds its
// token. It is remote code execution by design, so every request passes the Host, Origin and token checks
// (security.ts) before any route runs, and everything it runs is capped (limits.ts). API: README.md.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { HttpError, readJson, sendError, sendJson, startNdjson, writeLine } from './http.ts';
import { DEFAULT_LIMITS, type RunnerLimits } from './limits.ts';
import { freePorts, waitForPort } from './ports.ts';
import { profileExecArgv, type CompatProfile } from '../playground/runtime/profiles.ts';
import { API_PREFIX, type HelloBody, type LeaseLine } from './protocol.ts';
import {
  allowedHosts,
  checkHost,
  checkOrigin,
  checkToken,
  isLoopbackHost,
  isOrigin,
  MIN_TOKEN_LENGTH,
  randomToken,
  urlFor,
} from './security.ts';
import { SessionTable } from './sessions.ts';
import { checkName, parseMount, parsePortCount, parseSpawn } from './validate.ts';

export interface RunnerOptions {
  /** Loopback only: '127.0.0.1' (default) or '::1'. */
  host?: string;
  /** 0 (default) lets the OS pick. */
  port?: number;
  /** A fresh random one when absent. */
  token?: string;
  /** The page origins allowed to use the runner; a function is asked on every request (the dev server's port is learnt late). */
  allowedOrigins: Set<string> | (() => Iterable<string>);
  limits?: Partial<RunnerLimits>;
  /**
   * Run every process under the WebContainer compatibility profile, so a page run with this runner shows what
   * the reader's browser would (src/playground/runtime/profiles.ts).
   */
  profile?: CompatProfile;
}

export interface Runner {
  server: Server;
  url: string;
  token: string;
  /** Kills every session's processes, removes their folders, stops listening. */
  close(): Promise<void>;
}

interface Context {
  req: IncomingMessage;
  res: ServerResponse;
  params: string[];
  query: URLSearchParams;
}

type Handler = (context: Context) => Promise<void> | void;

const HEARTBEAT_MS = 15_000;

export async function createRunner(options: RunnerOptions): Promise<Runner> {
  const host = options.host ?? '127.0.0.1';
  if (!isLoopbackHost(host)) throw new Error(`the local runner listens on loopback only (127.0.0.1 or ::1), not ${host}`);
  const token = options.token ?? randomToken();
  if (token.length < MIN_TOKEN_LENGTH) throw new Error(`the token must be at least ${MIN_TOKEN_LENGTH} characters`);
  const origins = options.allowedOrigins;
  if (origins instanceof Set) {
    for (const origin of origins) if (!isOrigin(origin)) throw new Error(`${origin} is not an origin (scheme://host:port)`);
  }
  const limits: RunnerLimits = { ...DEFAULT_LIMITS, ...options.limits };
  const sessions = new SessionTable(limits, options.profile ? profileExecArgv(options.profile) : []);
  const routes = buildRoutes(sessions, limits);
  let hosts = new Set<string>();

  const server = createServer((req, res) => {
    void handle(req, res).catch((error: unknown) => {
      const refusal = error instanceof HttpError ? error : new HttpError(500, 'internal', String(error));
      if (res.headersSent) res.destroy();
      else {
        // An unread request body must not be parsed as the next request on this connection.
        if (!req.complete) res.setHeader('Connection', 'close');
        sendError(res, refusal);
      }
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    res.setHeader('Cache-Control', 'no-store');
    res.setHeader('X-Content-Type-Options', 'nosniff');
    checkHost(req.headers.host, hosts);
    const origin = checkOrigin(req.headers.origin, typeof origins === 'function' ? origins() : origins);
    // From here the page may read our answers, refusals included.
    res.setHeader('Access-Control-Allow-Origin', origin);
    res.setHeader('Vary', 'Origin');
    if (req.method === 'OPTIONS') return preflight(req, res);
    checkToken(req.headers.authorization, token);
    const url = new URL(req.url ?? '/', 'http://runner');
    for (const [pattern, methods] of routes) {
      const match = pattern.exec(url.pathname);
      if (!match) continue;
      const handler = methods[req.method ?? ''];
      if (!handler) {
        const allow = Object.keys(methods).join(', ');
        throw new HttpError(405, 'method-not-allowed', `${url.pathname} accepts ${allow}`, { Allow: allow });
      }
      return handler({ req, res, params: match.slice(1).map(decodeSegment), query: url.searchParams });
    }
    throw new HttpError(404, 'not-found', `no route ${url.pathname}`);
  }

  // The page's fetches carry Authorization (and a JSON Content-Type), so the browser asks first; the
  // preflight itself carries no token, which is why it is answered before the token check.
  function preflight(req: IncomingMessage, res: ServerResponse): void {
    res.setHeader('Access-Control-Allow-Methods', 'GET, POST, PUT, DELETE');
    res.setHeader('Access-Control-Allow-Headers', 'Authorization, Content-Type');
    res.setHeader('Access-Control-Max-Age', '600');
    // Chrome asks before a public page reaches loopback (Private Network Access); the Origin check already said yes.
    if (req.headers['access-control-request-private-network'] === 'true') {
      res.setHeader('Access-Control-Allow-Private-Network', 'true');
    }
    res.writeHead(204).end();
  }

  // If the runner's own process ends without close() (Ctrl-C in a terminal, a crash), the playground
  // processes, which sit in their own process groups, would outlive it: kill them on the way out.
  const onExit = () => sessions.killNow();
  process.on('exit', onExit);

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  hosts = allowedHosts(port);

  return {
    server,
    url: urlFor(host, port),
    token,
    async close() {
      process.off('exit', onExit);
      const closed = new Promise((resolve) => server.close(resolve));
      await sessions.closeAll();
      server.closeAllConnections();
      await closed;
    },
  };
}

function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    throw new HttpError(400, 'bad-request', `${segment} is not a valid path segment`);
  }
}

function buildRoutes(sessions: SessionTable, limits: RunnerLimits): Array<[RegExp, Record<string, Handler>]> {
  const id = '([^/]+)';
  const route = (path: string) => new RegExp(`^${API_PREFIX}${path}$`);
  return [
    [
      route('/hello'),
      {
        GET: ({ res }) => {
          const hello: HelloBody = { runner: 'event-loop-lab', api: 1, node: process.version, limits };
          sendJson(res, 200, hello);
        },
      },
    ],
    [
      route('/sessions'),
      {
        POST: async ({ res }) => sendJson(res, 201, { session: (await sessions.create()).id }),
      },
    ],
    [
      route(`/sessions/${id}`),
      {
        DELETE: async ({ res, params: [session = ''] }) => {
          sessions.get(session);
          await sessions.close(session);
          sendJson(res, 200, {});
        },
      },
    ],
    [
      route(`/sessions/${id}/lease`),
      {
        GET: ({ res, params: [id = ''] }) => {
          const session = sessions.get(id);
          const release = session.hold();
          startNdjson(res);
          // Blank lines: a dead peer is noticed when a write fails, not only when the socket says so.
          const heartbeat = setInterval(() => res.write('\n'), HEARTBEAT_MS);
          const stop = session.watch(
            (process, line) => writeLine(res, { process, ...line } as LeaseLine),
            () => res.end(),
          );
          res.on('close', () => {
            clearInterval(heartbeat);
            stop();
            release();
          });
        },
      },
    ],
    [
      route(`/sessions/${id}/folders/${id}`),
      {
        PUT: async ({ req, res, params: [id = '', folder = ''] }) => {
          // Looked up first, so an unknown session is refused without reading the body; the session may still
          // close while the body is read, and then mount() and spawn() refuse with the same 404 (sessions.ts).
          const session = sessions.get(id);
          const files = parseMount(await readJson(req, limits.bodyBytes), limits);
          await session.mount(checkName(folder, 'folder'), files);
          sendJson(res, 200, {});
        },
      },
    ],
    [
      route(`/sessions/${id}/ports`),
      {
        POST: async ({ req, res, params: [id = ''] }) => {
          sessions.get(id);
          const count = parsePortCount(await readJson(req, limits.bodyBytes), limits);
          sendJson(res, 200, { ports: await freePorts(count) });
        },
      },
    ],
    [
      route(`/sessions/${id}/ports/(\\d{1,5})/wait`),
      {
        GET: async ({ res, params: [id = '', text = ''], query }) => {
          sessions.get(id);
          const port = Number(text);
          const timeoutMs = Math.min(Number(query.get('timeoutMs') ?? limits.portWaitMs) || 0, limits.portWaitMs);
          if (port < 1 || port > 65535) throw new HttpError(400, 'bad-request', 'ports are 1 to 65535');
          // The page may give up (its own abort): stop polling when the request goes away.
          const gone = new AbortController();
          res.on('close', () => gone.abort());
          if (await waitForPort(port, timeoutMs, gone.signal)) sendJson(res, 200, {});
          else throw new HttpError(504, 'port-timeout', `nothing listened on port ${port} within ${timeoutMs} ms`);
        },
      },
    ],
    [
      route(`/sessions/${id}/processes`),
      {
        POST: async ({ req, res, params: [id = ''] }) => {
          const session = sessions.get(id);
          const process = await session.spawn(parseSpawn(await readJson(req, limits.bodyBytes)));
          sendJson(res, 201, { process: process.id });
        },
      },
    ],
    [
      route(`/sessions/${id}/processes/${id}/output`),
      {
        GET: ({ res, params: [id = '', process = ''] }) => {
          const target = sessions.get(id).process(process);
          startNdjson(res);
          const stop = target.subscribe((line) => {
            writeLine(res, line);
            if ('exit' in line) res.end();
          });
          res.on('close', stop);
        },
      },
    ],
    [
      route(`/sessions/${id}/processes/${id}/kill`),
      {
        POST: ({ res, params: [id = '', process = ''] }) => {
          sessions.get(id).process(process).stop();
          sendJson(res, 202, {});
        },
      },
    ],
  ];
}

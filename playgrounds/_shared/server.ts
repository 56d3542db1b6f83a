// The plumbing every playground server shares, so each server file is only its routes: JSON answers, 404 and 405
// with a JSON body, the `ready` event, loop-delay sampling, and a clean exit on SIGTERM.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { emit, monitorLoopDelay, runtimeVersions, traceName } from './trace.ts';

/** `signal` aborts when the client goes away before the answer, so a handler can stop work nobody awaits. */
export type Handler = (req: IncomingMessage, url: URL, signal: AbortSignal) => unknown | Promise<unknown>;

/** Routes by path, then by method: `{ '/health': { GET: () => ({ ok: true }) } }`. */
export type Routes = Record<string, Record<string, Handler>>;

function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'application/json', 'x-served-by': traceName(), ...headers });
  res.end(JSON.stringify(body));
}

async function answer(routes: Routes, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://127.0.0.1');
  const methods = routes[url.pathname];
  if (!methods) return sendJson(res, 404, { error: 'not found', path: url.pathname });
  const handler = methods[req.method ?? 'GET'];
  if (!handler) {
    const allow = Object.keys(methods).join(', ');
    return sendJson(res, 405, { error: 'method not allowed', method: req.method, allow }, { allow });
  }
  const clientGone = new AbortController();
  res.once('close', () => {
    if (!res.writableFinished) clientGone.abort();
  });
  try {
    sendJson(res, 200, await handler(req, url, clientGone.signal));
  } catch (error) {
    if (clientGone.signal.aborted) return;
    sendJson(res, 502, { error: error instanceof Error ? error.message : String(error) });
  }
}

/** Creates the server without listening: a cluster worker listens through its primary instead. */
export function createPlaygroundServer(routes: Routes): Server {
  return createServer((req, res) => void answer(routes, req, res));
}

/** Listens on PORT (or `defaultPort` when run by hand), samples the loop, and exits cleanly on SIGTERM. */
export function serve(routes: Routes, defaultPort: number): Server {
  const server = createPlaygroundServer(routes);
  const port = Number(process.env.PORT ?? defaultPort);
  const stopSampling = monitorLoopDelay();
  server.listen(port, '127.0.0.1', () => emit({ type: 'ready', port, pid: process.pid, ...runtimeVersions() }));
  const stop = () => {
    stopSampling();
    server.close(() => process.exit(0));
    // In-flight and keep-alive connections would hold `close` open; the process is going away anyway.
    server.closeAllConnections();
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
  return server;
}

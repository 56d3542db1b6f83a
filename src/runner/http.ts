// Small HTTP helpers: refusals as one error type, JSON in and out with a size cap.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ErrorBody } from './protocol.ts';

/** A refusal the server turns into `{ error, message }` with `status`. */
export class HttpError extends Error {
  readonly status: number;
  readonly code: string;
  /** Extra response headers (`Allow` on a 405, `WWW-Authenticate` on a 401). */
  readonly headers: Record<string, string>;
  constructor(status: number, code: string, message: string, headers: Record<string, string> = {}) {
    super(message);
    this.status = status;
    this.code = code;
    this.headers = headers;
  }
}

export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    ...headers,
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(text),
  });
  res.end(text);
}

export function sendError(res: ServerResponse, error: HttpError): void {
  const body: ErrorBody = { error: error.code, message: error.message };
  sendJson(res, error.status, body, error.headers);
}

/** Starts an NDJSON stream; the caller writes lines with `writeLine` and ends it. */
export function startNdjson(res: ServerResponse): void {
  res.writeHead(200, { 'Content-Type': 'application/x-ndjson; charset=utf-8' });
  res.flushHeaders();
}

export function writeLine(res: ServerResponse, value: unknown): void {
  if (!res.writableEnded) res.write(`${JSON.stringify(value)}\n`);
}

/**
 * Reads a JSON body of at most `maxBytes`. An oversize body is refused as soon as it is known to be one
 * (from Content-Length, or while reading), without buffering the rest.
 */
export async function readJson(req: IncomingMessage, maxBytes: number): Promise<unknown> {
  const tooLarge = () => new HttpError(413, 'payload-too-large', `request bodies are limited to ${maxBytes} bytes`);
  if (Number(req.headers['content-length'] ?? 0) > maxBytes) throw tooLarge();
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > maxBytes) throw tooLarge();
    chunks.push(chunk);
  }
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8')) as unknown;
  } catch {
    throw new HttpError(400, 'bad-json', 'the request body is not JSON');
  }
}

// Who may talk to the runner. Three independent checks, because each alone has a gap:
// - the Host header (DNS rebinding: a hostile name re-pointed at 127.0.0.1 makes its page same-origin to us);
// - the Origin header (any other site the reader has open, or a local file, must not run code here);
// - the bearer token (another program or user on this machine, which sees the port, must not either).
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { isIP } from 'node:net';
import { HttpError } from './http.ts';

/** A fresh secret: 32 random bytes, URL-safe, so it travels in a page fragment as it is. */
export function randomToken(): string {
  return randomBytes(32).toString('base64url');
}

/** Shorter tokens are refused at start: a guessable token is no token. */
export const MIN_TOKEN_LENGTH = 32;

/** Only loopback: the runner is for the reader's own browser, never the network. */
export function isLoopbackHost(host: string): boolean {
  return host === '127.0.0.1' || host === '::1';
}

/** The Host values a request to our own port may carry: the loopback names, and nothing a DNS name could be. */
export function allowedHosts(port: number): Set<string> {
  return new Set([`127.0.0.1:${port}`, `localhost:${port}`, `[::1]:${port}`]);
}

export function checkHost(host: string | undefined, allowed: Set<string>): void {
  if (host === undefined || !allowed.has(host.toLowerCase())) {
    throw new HttpError(421, 'host-refused', `the runner answers only to ${[...allowed].join(', ')}`);
  }
}

/**
 * A browser sends Origin on every cross-origin fetch, and the runner serves no pages of its own, so every
 * legitimate request has one: a request without it (curl, another program) is refused like a foreign one.
 * Such a client would need the token too, but this keeps "the page, and only the page" a single rule.
 */
export function checkOrigin(origin: string | undefined, allowed: Iterable<string>): string {
  if (origin === undefined) throw new HttpError(403, 'origin-refused', 'requests must come from a page (no Origin header)');
  for (const candidate of allowed) if (candidate === origin) return origin;
  throw new HttpError(403, 'origin-refused', `origin ${origin} may not use this runner`);
}

/** Compares digests, so neither the token's content nor its length leaks through timing. */
export function checkToken(authorization: string | undefined, token: string): void {
  const given = /^Bearer (\S+)$/.exec(authorization ?? '')?.[1];
  const digest = (value: string) => createHash('sha256').update(value).digest();
  if (given === undefined || !timingSafeEqual(digest(given), digest(token))) {
    throw new HttpError(401, 'token-refused', 'a valid "Authorization: Bearer <token>" header is required', {
      'WWW-Authenticate': 'Bearer',
    });
  }
}

/** An origin as the browser sends it: scheme, host and port, nothing else. */
export function isOrigin(value: string): boolean {
  try {
    return new URL(value).origin === value;
  } catch {
    return false;
  }
}

export function urlFor(host: string, port: number): string {
  return `http://${isIP(host) === 6 ? `[${host}]` : host}:${port}`;
}

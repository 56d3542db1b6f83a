// The site's Content-Security-Policy, in two parts.
//
// Per page, as a <meta http-equiv> written into every built HTML file (./integration.ts): the directives that
// depend on the page, above all `script-src` with a hash of each inline script. Starlight ships inline scripts
// (theme, sidebar) and Vite inlines small module scripts, so the hashes change with every upgrade; computing them
// from the built files keeps the policy exact without anyone maintaining a list. A <meta> policy works on every
// static host, with no host-specific config to keep in step.
//
// On every response, as a header (src/security/headers.mjs): the directives a <meta> policy cannot carry
// (`frame-ancestors`) and the ones that need no hashes. Browsers enforce both policies; a request must pass both.
import { createHash } from 'node:crypto';

/** Where the playgrounds reach beyond the page's own origin. */
export const playgroundOrigins = {
  // WebContainer boots in a hidden iframe from StackBlitz (`@webcontainer/api` 1.6.4, `boot()`); its own nested
  // frames and workers live under StackBlitz's policy, not ours.
  webcontainerFrame: 'https://stackblitz.com',
  // "Open in StackBlitz" posts a form there (@stackblitz/sdk `openProject`).
  forkForm: 'https://stackblitz.com',
  // The local runner listens on loopback on a port chosen at start (src/runner/README.md).
  // No IPv6 literal: CSP source expressions cannot name [::1]; a runner started there is reached as localhost.
  localRunner: ['http://127.0.0.1:*', 'http://localhost:*'],
} as const;

/** The header part: the same on every path. */
export const headerPolicy = [
  "frame-ancestors 'none'",
  "object-src 'none'",
  "base-uri 'self'",
  `form-action 'self' ${playgroundOrigins.forkForm}`,
].join('; ');

/** The per-page part, allowing exactly the inline scripts whose hashes are given. */
export function pagePolicy(inlineScriptHashes: Iterable<string>): string {
  const hashes = [...new Set(inlineScriptHashes)].sort().map((hash) => `'${hash}'`);
  return [
    "default-src 'self'",
    // 'wasm-unsafe-eval': Pagefind's search index is WebAssembly; it allows compiling Wasm, not `eval`.
    ['script-src', "'self'", "'wasm-unsafe-eval'", ...hashes].join(' '),
    // Inline styles stay allowed: Expressive Code colours every token with a `style` attribute and the editor
    // injects <style> elements. Styles cannot run code; scripts are what the policy locks down.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self'",
    ['connect-src', "'self'", ...playgroundOrigins.localRunner].join(' '),
    `frame-src ${playgroundOrigins.webcontainerFrame}`,
    "worker-src 'self'",
    "manifest-src 'self'",
  ].join('; ');
}

const inlineScript = /<script\b([^>]*)>([\s\S]*?)<\/script\s*>/gi;

/** `sha256-…` of every inline script that runs (not data blocks such as JSON-LD or import maps' JSON). */
export function inlineScriptHashes(html: string): string[] {
  const hashes: string[] = [];
  for (const [, attributes = '', body = ''] of html.matchAll(inlineScript)) {
    if (/\bsrc\s*=/i.test(attributes)) continue;
    const type = /\btype\s*=\s*["']?([^"'\s>]+)/i.exec(attributes)?.[1]?.toLowerCase();
    if (type && !['module', 'text/javascript', 'application/javascript'].includes(type)) continue;
    hashes.push(`sha256-${createHash('sha256').update(body, 'utf8').digest('base64')}`);
  }
  return hashes;
}

const metaName = 'content-security-policy';

/**
 * The page with its policy as the first element of <head> after the charset, so it governs every script
 * that follows. Throws on a page that already has one or has no <head>: either would leave it unprotected.
 */
export function withPagePolicy(html: string): string {
  if (html.toLowerCase().includes(`http-equiv="${metaName}"`)) throw new Error('the page already carries a CSP <meta>');
  const meta = `<meta http-equiv="${metaName}" content="${pagePolicy(inlineScriptHashes(html))}">`;
  const charset = /<meta\s+charset=["']?[\w-]+["']?\s*\/?>/i.exec(html);
  if (charset) return html.slice(0, charset.index + charset[0].length) + meta + html.slice(charset.index + charset[0].length);
  const head = /<head\b[^>]*>/i.exec(html);
  if (!head) throw new Error('the page has no <head> to put its CSP in');
  return html.slice(0, head.index + head[0].length) + meta + html.slice(head.index + head[0].length);
}

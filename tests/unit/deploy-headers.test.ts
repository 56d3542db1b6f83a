import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { isolationHeaders } from '../../src/isolation-headers.mjs';
import { siteHeaders } from '../../src/security/headers.ts';

// The dev and preview servers take their headers from src/security/headers.ts; the deploy configs are
// static files, so this keeps them from drifting apart.
const expected = Object.entries(siteHeaders).map(([name, value]) => [name.toLowerCase(), value]).sort();

function parseNetlifyHeaders(text: string): Map<string, Array<[string, string]>> {
  const rules = new Map<string, Array<[string, string]>>();
  let current: Array<[string, string]> | undefined;
  for (const line of text.split('\n')) {
    if (!line.trim() || line.trimStart().startsWith('#')) continue;
    if (!/^\s/.test(line)) {
      current = [];
      rules.set(line.trim(), current);
    } else if (current) {
      const [name = '', ...rest] = line.trim().split(':');
      current.push([name.trim().toLowerCase(), rest.join(':').trim()]);
    }
  }
  return rules;
}

describe('deploy configs carry the site headers (isolation, CSP)', () => {
  it('public/_headers (Netlify, Cloudflare Pages) sets them on every path', () => {
    const rules = parseNetlifyHeaders(readFileSync('public/_headers', 'utf8'));
    expect(rules.get('/*')?.slice().sort()).toEqual(expected);
  });

  it('vercel.json sets them on every path', () => {
    const config = JSON.parse(readFileSync('vercel.json', 'utf8')) as {
      headers: Array<{ source: string; headers: Array<{ key: string; value: string }> }>;
    };
    const all = config.headers.find((rule) => rule.source === '/(.*)');
    const pairs = all?.headers.map(({ key, value }) => [key.toLowerCase(), value]).sort();
    expect(pairs).toEqual(expected);
  });

  it('uses require-corp, the COEP mode Safari also supports', () => {
    expect(isolationHeaders['Cross-Origin-Embedder-Policy']).toBe('require-corp');
    expect(siteHeaders['Cross-Origin-Embedder-Policy']).toBe('require-corp');
  });

  it('forbids framing the site, which only a header can say', () => {
    expect(siteHeaders['Content-Security-Policy']).toContain("frame-ancestors 'none'");
  });
});

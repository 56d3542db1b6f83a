import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { headerPolicy, inlineScriptHashes, pagePolicy, withPagePolicy } from '../../src/security/content-security-policy.ts';

const sha = (text: string) => `sha256-${createHash('sha256').update(text).digest('base64')}`;
const page = (head: string, body = '') => `<!doctype html><html><head><meta charset="utf-8"><title>t</title>${head}</head><body>${body}</body></html>`;

function directive(policy: string, name: string): string[] {
  const found = policy.split(';').map((part) => part.trim().split(/\s+/)).find(([first]) => first === name);
  if (!found) throw new Error(`no ${name} in ${policy}`);
  return found.slice(1);
}

describe('inlineScriptHashes', () => {
  it('hashes classic and module inline scripts exactly as written', () => {
    const html = page('<script>let a = 1;</script>', '<script type="module">\n\tconsole.log(1)\n</script>');
    expect(inlineScriptHashes(html)).toEqual([sha('let a = 1;'), sha('\n\tconsole.log(1)\n')]);
  });

  it('skips external scripts and data blocks, which a hash cannot allow and need not', () => {
    const html = page('<script src="/a.js"></script><script type="application/ld+json">{"a":1}</script><script type="module" src="/b.js"></script>');
    expect(inlineScriptHashes(html)).toEqual([]);
  });
});

describe('withPagePolicy', () => {
  it('puts the policy right after the charset, before any script, with a hash for each inline script', () => {
    const html = withPagePolicy(page('<script>go()</script>'));
    const meta = html.indexOf('http-equiv="content-security-policy"');
    expect(meta).toBeGreaterThan(html.indexOf('<meta charset'));
    expect(meta).toBeLessThan(html.indexOf('<script'));
    const policy = /content="([^"]+)"/.exec(html.slice(meta))![1]!;
    expect(directive(policy, 'script-src')).toContain(`'${sha('go()')}'`);
  });

  it('allows no inline script that is not on the page', () => {
    const policy = pagePolicy(inlineScriptHashes(page('<script>a()</script>')));
    expect(directive(policy, 'script-src')).not.toContain(`'${sha('b()')}'`);
    expect(directive(policy, 'script-src')).not.toContain("'unsafe-inline'");
    expect(directive(policy, 'script-src')).not.toContain("'unsafe-eval'");
  });

  it('refuses a page that already has a policy or has no head, rather than leave it unprotected', () => {
    expect(() => withPagePolicy(withPagePolicy(page('')))).toThrow(/already/);
    expect(() => withPagePolicy('<p>no head</p>')).toThrow(/no <head>/);
  });
});

describe('what the policy lets the playgrounds reach', () => {
  const policy = pagePolicy([]);

  it('WebContainer frames from StackBlitz, nothing else', () => {
    expect(directive(policy, 'frame-src')).toEqual(['https://stackblitz.com']);
  });

  it('the local runner on loopback only', () => {
    const connect = directive(policy, 'connect-src');
    expect(connect).toContain("'self'");
    expect(connect.filter((source) => source !== "'self'").every((source) => /^http:\/\/(127\.0\.0\.1|localhost):\*$/.test(source))).toBe(true);
  });

  it('the fork form to StackBlitz, and no plugins', () => {
    expect(directive(headerPolicy, 'form-action')).toEqual(["'self'", 'https://stackblitz.com']);
    expect(directive(headerPolicy, 'object-src')).toEqual(["'none'"]);
  });
});

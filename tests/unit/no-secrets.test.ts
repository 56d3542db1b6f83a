import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

// Nothing secret is committed: no private keys, no cloud or registry tokens, no .env files. The local runner's
// token is made at each start (src/runner/security.ts) and never written to the repository.
const patterns: ReadonlyArray<[string, RegExp]> = [
  ['private key', /-----BEGIN (?:RSA |EC |DSA |OPENSSH |ENCRYPTED )?PRIVATE KEY-----/],
  ['AWS access key', /\b(?:AKIA|ASIA)[0-9A-Z]{16}\b/],
  ['GitHub token', /\b(?:gh[pousr]_[A-Za-z0-9]{36,}|github_pat_[A-Za-z0-9_]{40,})\b/],
  ['npm token', /\bnpm_[A-Za-z0-9]{36}\b/],
  ['Slack token', /\bxox[abprs]-[A-Za-z0-9-]{10,}/],
  ['Google API key', /\bAIza[0-9A-Za-z_-]{35}\b/],
  ['Stripe live key', /\b[rs]k_live_[0-9A-Za-z]{16,}/],
  ['StackBlitz/WebContainer API key', /configureAPIKey\(\s*['"][^'"]+['"]/],
];

function findSecrets(text: string): string[] {
  return patterns.filter(([, pattern]) => pattern.test(text)).map(([name]) => name);
}

const tracked = execFileSync('git', ['ls-files', '-z'], { encoding: 'utf8' }).split('\0').filter(Boolean);

describe('the repository holds no secrets', () => {
  it('the scan recognises what it looks for', () => {
    // Assembled here so that no secret-shaped string is committed, not even in this test.
    const fakeAws = ['AKIA', 'Z'.repeat(16)].join('');
    const fakeKey = ['-----BEGIN ', 'PRIVATE KEY-----'].join('');
    expect(findSecrets(`key = "${fakeAws}"`)).toEqual(['AWS access key']);
    expect(findSecrets(fakeKey)).toEqual(['private key']);
    expect(findSecrets('const token = randomBytes(32).toString("base64url");')).toEqual([]);
  });

  it('no tracked file contains a key or token', () => {
    expect(tracked.length).toBeGreaterThan(50);
    const found = tracked.flatMap((file) => {
      const text = readFileSync(file, 'latin1');
      return findSecrets(text).map((name) => `${file}: ${name}`);
    });
    expect(found).toEqual([]);
  });

  it('no environment file is tracked', () => {
    expect(tracked.filter((file) => /(^|\/)\.env(\.|$)/.test(file))).toEqual([]);
  });
});

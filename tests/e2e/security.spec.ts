import { expect, test } from '@playwright/test';
import { recordCspViolations } from './csp.ts';

// The Content-Security-Policy protects something: a script the build did not hash does not run. (Every page
// loading under the policy with no violation is checked in pages.spec.ts; the centrepiece running under it, in
// playground.spec.ts.)
test('an inline script the build did not hash is refused', async ({ page }) => {
  const violations = await recordCspViolations(page);
  await page.goto('/en/');
  // What an injected script would look like: the policy must stop it, or it protects nothing.
  const ran = await page.evaluate(() => {
    const script = document.createElement('script');
    script.textContent = 'window.injected = true';
    document.head.append(script);
    return (window as unknown as { injected?: boolean }).injected === true;
  });
  expect(ran).toBe(false);
  await expect.poll(() => violations.join('\n')).toContain('script-src');
});

test('the site cannot be framed by another page', async ({ request }) => {
  const response = await request.get('/en/');
  expect(response.headers()['content-security-policy']).toContain("frame-ancestors 'none'");
});

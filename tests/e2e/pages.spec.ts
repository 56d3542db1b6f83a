import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
import { recordCspViolations } from './csp.ts';
import { builtPages, locales } from './site.ts';

// Every built page, in both languages: it renders cleanly under its Content-Security-Policy, is cross-origin
// isolated (so WebContainer can boot there), declares its language, has no axe violations, and its language
// picker leads to the same page in the other language.
for (const { locale, path, slug } of builtPages()) {
  test.describe(path, () => {
    test('renders with no console errors or CSP violations, cross-origin isolated, in its language', async ({ page }) => {
      const violations = await recordCspViolations(page);
      const errors: string[] = [];
      page.on('console', (message) => {
        if (message.type() === 'error') errors.push(message.text());
      });
      page.on('pageerror', (error) => errors.push(error.message));
      const response = await page.goto(path);
      expect(response?.status()).toBe(200);
      expect(response?.headers()['content-security-policy']).toContain("frame-ancestors 'none'");
      await expect(page.locator('meta[http-equiv="content-security-policy"]')).toHaveAttribute('content', /script-src 'self'/);
      await expect(page.locator('h1').first()).toBeVisible();
      await expect(page.locator('html')).toHaveAttribute('lang', locale);
      expect(await page.evaluate(() => self.crossOriginIsolated)).toBe(true);
      await page.waitForLoadState('networkidle');
      expect(errors).toEqual([]);
      expect(violations).toEqual([]);
    });

    test('has no axe-core violations', async ({ page }) => {
      // Long chapters take axe a while on two busy cores.
      test.setTimeout(90_000);
      await page.goto(path);
      const { violations } = await new AxeBuilder({ page }).analyze();
      const summary = violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
      expect(summary).toEqual([]);
    });

    for (const other of locales.filter((l) => l !== locale)) {
      test(`language picker leads to the ${other} counterpart`, async ({ page }) => {
        await page.goto(path);
        const picker = page.locator('header starlight-lang-select select');
        await picker.selectOption(`/${other}/${slug}`);
        await expect(page).toHaveURL(new RegExp(`/${other}/${slug}$`));
        await expect(page.locator('html')).toHaveAttribute('lang', other);
      });
    }
  });
}

import { expect, test } from '@playwright/test';

// `/` sends a reader to their language when scripts run, and links to both when they don't.
test.describe('the root page', () => {
  for (const [browserLocale, expected] of [['ja-JP', '/ja/'], ['en-GB', '/en/'], ['fr-FR', '/en/']] as const) {
    test(`greets a ${browserLocale} browser in ${expected}`, async ({ browser }) => {
      const context = await browser.newContext({ locale: browserLocale });
      const page = await context.newPage();
      await page.goto('/');
      await expect(page).toHaveURL(new RegExp(`${expected}$`));
      await context.close();
    });
  }

  test('a language chosen on the site wins over the browser language', async ({ browser }) => {
    const context = await browser.newContext({ locale: 'en-US' });
    const page = await context.newPage();
    await page.goto('/ja/');
    await page.goto('/');
    await expect(page).toHaveURL(/\/ja\/$/);
    await context.close();
  });

  test('without JavaScript it links to both languages', async ({ browser }) => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto('/');
    await expect(page).toHaveURL(/\/$/);
    await expect(page.getByRole('link', { name: 'Read in English' })).toHaveAttribute('href', '/en/');
    await expect(page.getByRole('link', { name: '日本語で読む' })).toHaveAttribute('href', '/ja/');
    expect(await page.evaluate(() => self.crossOriginIsolated)).toBe(true);
    await context.close();
  });
});

import { expect, test } from '@playwright/test';

// Pagefind indexes each language separately (by the page's lang); Japanese segmentation is imperfect,
// so real Japanese words are queried on the Japanese site.
const queries = [
  { locale: 'ja', words: ['イベントループ', 'ブロッキング', '並行処理'] },
  { locale: 'en', words: ['event loop', 'blocking', 'concurrency'] },
] as const;

for (const { locale, words } of queries) {
  for (const word of words) {
    test(`search on the ${locale} site finds "${word}" in ${locale} pages only`, async ({ page }) => {
      await page.goto(`/${locale}/`);
      await page.locator('button[data-open-modal]').first().click();
      await page.locator('.pagefind-ui__search-input').fill(word);
      const links = page.locator('.pagefind-ui__result-link');
      await expect(links.first()).toBeVisible({ timeout: 15_000 });
      const hrefs = await links.evaluateAll((anchors) => anchors.map((a) => a.getAttribute('href') ?? ''));
      expect(hrefs.length).toBeGreaterThan(0);
      for (const href of hrefs) expect(href).toMatch(new RegExp(`^/${locale}/`));
    });
  }
}

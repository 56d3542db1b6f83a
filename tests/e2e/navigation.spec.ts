import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { chapters } from '../../src/chapters.ts';
import { locales } from './site.ts';

// The sidebar is the book's table of contents: every page of the locale, in reading order (src/chapters.ts),
// as one flat list of links.
const path = (locale: string, chapter: string) => (chapter === 'index' ? `/${locale}/` : `/${locale}/${chapter}/`);

for (const locale of locales) {
  test(`${locale}: the sidebar lists every page in reading order, with no groups`, async ({ page }) => {
    const onDisk = readdirSync(join('content/docs', locale)).filter((name) => name.endsWith('.mdx'));
    expect([...chapters].sort(), 'src/chapters.ts names every page, and only those').toEqual(onDisk.map((name) => name.replace(/\.mdx$/, '')).sort());
    const expected = chapters.map((chapter) => path(locale, chapter));
    await page.goto(expected[1]!);
    const sidebar = page.locator('#starlight__sidebar');
    expect(await sidebar.locator('a[href]').evaluateAll((anchors) => anchors.map((a) => a.getAttribute('href')))).toEqual(expected);
    await expect(sidebar.locator('details, summary')).toHaveCount(0);
    await expect(sidebar.locator('a[aria-current="page"]')).toHaveAttribute('href', expected[1]!);
  });

  test(`${locale}: each page links on to the next chapter and back to the previous one`, async ({ page }) => {
    const expected = chapters.map((chapter) => path(locale, chapter));
    await page.goto(expected[2]!);
    const pagination = page.locator('.pagination-links');
    await expect(pagination.locator(`a[rel="prev"]`)).toHaveAttribute('href', expected[1]!);
    await expect(pagination.locator(`a[rel="next"]`)).toHaveAttribute('href', expected[3]!);
  });
}

import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { locales } from './site.ts';

// The sidebar is the book's table of contents: every page of the locale, in reading order (`sidebar.order`).
function readingOrder(locale: string): string[] {
  const dir = join('content/docs', locale);
  return readdirSync(dir)
    .filter((name) => name.endsWith('.mdx'))
    .map((name) => {
      const text = readFileSync(join(dir, name), 'utf8');
      const frontMatter = /^---\n([\s\S]*?)\n---/.exec(text)?.[1] ?? '';
      const order = Number(/\border:\s*(\d+)/.exec(frontMatter)?.[1] ?? Number.POSITIVE_INFINITY);
      const slug = name.replace(/\.mdx$/, '');
      return { order, path: slug === 'index' ? `/${locale}/` : `/${locale}/${slug}/` };
    })
    .sort((a, b) => a.order - b.order)
    .map((page) => page.path);
}

for (const locale of locales) {
  test(`${locale}: the sidebar lists every page in reading order`, async ({ page }) => {
    const expected = readingOrder(locale);
    expect(expected.length).toBeGreaterThan(5);
    await page.goto(expected[1]!);
    const links = page.locator('#starlight__sidebar a[href]');
    expect(await links.evaluateAll((anchors) => anchors.map((a) => a.getAttribute('href')))).toEqual(expected);
    await expect(page.locator(`#starlight__sidebar a[aria-current="page"]`)).toHaveAttribute('href', expected[1]!);
  });
}

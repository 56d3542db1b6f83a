import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { locales } from '../../src/i18n/ui.ts';

// Both languages are first-class: every page exists in each, with a title and a description.
const root = 'content/docs';

function pagesOf(locale: string): string[] {
  const dir = join(root, locale);
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && /\.mdx?$/.test(entry.name))
    .map((entry) => relative(dir, join(entry.parentPath, entry.name)))
    .sort();
}

function frontMatter(path: string): string {
  return /^---\n([\s\S]*?)\n---/.exec(readFileSync(path, 'utf8'))?.[1] ?? '';
}

describe('page parity between languages', () => {
  const byLocale = Object.fromEntries(locales.map((locale) => [locale, pagesOf(locale)]));

  it('has pages at all', () => {
    for (const locale of locales) expect(byLocale[locale]?.length).toBeGreaterThan(0);
  });

  it('has the same page names in every language', () => {
    const [first, ...rest] = locales;
    for (const locale of rest) expect(byLocale[locale]).toEqual(byLocale[first]);
  });

  it.each(locales.flatMap((locale) => pagesOf(locale).map((page) => [locale, page] as const)))(
    '%s/%s has a title and a description',
    (locale, page) => {
      const fm = frontMatter(join(root, locale, page));
      expect(fm).toMatch(/^title:[ \t]*\S/m);
      expect(fm).toMatch(/^description:[ \t]*\S/m);
    },
  );
});

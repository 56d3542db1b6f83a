// The pages and the playgrounds agree, and both languages of a page show the same things: each playground a page
// embeds exists and is embedded once, and every language of a page embeds the same ones and has as many code
// blocks. (Page names, titles and descriptions: page-parity.test.ts.)
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { extractCodeBlocks } from '../../scripts/snippets.ts';
import { locales, type Locale } from '../../src/i18n/ui.ts';
import { listPlaygroundIds } from '../../src/playground/load-playground.ts';

const root = 'content/docs';
const [firstLocale, ...otherLocales] = locales;
const playgroundIds = await listPlaygroundIds();

/** Page names present in every language (page-parity.test.ts reports the ones that are not). */
const pageNames = readdirSync(join(root, firstLocale))
  .filter((name) => /\.mdx?$/.test(name))
  .filter((name) => otherLocales.every((locale) => readdirSync(join(root, locale)).includes(name)))
  .sort();

interface Page {
  path: string;
  text: string;
}

function readPage(locale: Locale, name: string): Page {
  const path = join(root, locale, name);
  return { path, text: readFileSync(path, 'utf8') };
}

/** The ids of the `<Playground id="…" />` a page embeds, in page order; an id that is not a literal is an error. */
function embeddedPlaygrounds({ path, text }: Page): string[] {
  return [...text.matchAll(/<Playground\b([^>]*)\/?>/g)].map((match) => {
    const id = /\bid=(?:"([^"]+)"|'([^']+)')/.exec(match[1] ?? '');
    if (!id) throw new Error(`${path}: ${match[0]} needs a literal id="…", so the page can be checked`);
    return id[1] ?? id[2]!;
  });
}

describe('embeddedPlaygrounds', () => {
  it('reads the embedded ids, and refuses one that is not a literal', () => {
    const page = (text: string): Page => ({ path: 'x.mdx', text });
    expect(embeddedPlaygrounds(page('<Playground id="a" />\ntext\n<Playground id=\'b\'/>'))).toEqual(['a', 'b']);
    expect(() => embeddedPlaygrounds(page('<Playground id={name} />'))).toThrow(/literal id/);
  });
});

describe.each(pageNames)('%s', (name) => {
  const pages = Object.fromEntries(locales.map((locale) => [locale, readPage(locale, name)])) as Record<Locale, Page>;

  it('embeds the same playgrounds in every language', () => {
    for (const locale of otherLocales) {
      expect(embeddedPlaygrounds(pages[locale]), pages[locale].path).toEqual(embeddedPlaygrounds(pages[firstLocale]));
    }
  });

  it.each(locales)('%s: embeds each playground once, and each one exists', (locale) => {
    const page = pages[locale];
    const embedded = embeddedPlaygrounds(page);
    expect(embedded.filter((id) => !playgroundIds.includes(id)), `${page.path}: embedded, but no playgrounds/<id>/playground.json`).toEqual([]);
    expect(embedded.filter((id, index) => embedded.indexOf(id) !== index), `${page.path}: embedded twice`).toEqual([]);
  });

  it('has as many fenced code blocks in every language', () => {
    const langs = (page: Page) => extractCodeBlocks(page.text).map((block) => block.lang || '(none)');
    const first = langs(pages[firstLocale]);
    for (const locale of otherLocales) {
      const other = langs(pages[locale]);
      expect(other.length, `${pages[locale].path} has ${other.join(' ')}; ${pages[firstLocale].path} has ${first.join(' ')}`).toBe(first.length);
    }
  });
});

it('every playground appears on some page', () => {
  const used = new Set(pageNames.flatMap((name) => embeddedPlaygrounds(readPage(firstLocale, name))));
  expect(playgroundIds.length).toBeGreaterThan(0);
  expect(playgroundIds.filter((id) => !used.has(id))).toEqual([]);
});

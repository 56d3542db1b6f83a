// The pages and the playgrounds agree, and both languages of a page show the same things: the `playgrounds:`
// front matter lists exactly the playgrounds the page embeds, each exists, and every language of a page lists the
// same ones and has as many code blocks. (Page names, titles and descriptions: page-parity.test.ts.)
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

/** The `playgrounds:` list of a page's front matter, flow (`[a, b]`) or block (`- a`) style; absent means none. */
function listedPlaygrounds({ path, text }: Page): string[] {
  const frontMatter = /^---\n([\s\S]*?)\n---/.exec(text)?.[1] ?? '';
  const lines = frontMatter.split('\n');
  const at = lines.findIndex((line) => /^playgrounds:/.test(line));
  if (at < 0) return [];
  const value = lines[at]!.replace(/^playgrounds:\s*/, '').replace(/\s+#.*$/, '');
  const unquote = (item: string) => item.trim().replace(/^(['"])(.*)\1$/, '$2');
  if (value.startsWith('[')) {
    if (!value.endsWith(']')) throw new Error(`${path}: write the playgrounds list on one line, as [a, b]`);
    return value.slice(1, -1).split(',').map(unquote).filter(Boolean);
  }
  if (value !== '') throw new Error(`${path}: playgrounds: must be a list, as [a, b]`);
  const items: string[] = [];
  for (const line of lines.slice(at + 1)) {
    const item = /^\s+-\s+(.+)$/.exec(line);
    if (!item) break;
    items.push(unquote(item[1]!));
  }
  return items;
}

/** The ids of the `<Playground id="…" />` a page embeds, in page order; an id that is not a literal is an error. */
function embeddedPlaygrounds({ path, text }: Page): string[] {
  return [...text.matchAll(/<Playground\b([^>]*)\/?>/g)].map((match) => {
    const id = /\bid=(?:"([^"]+)"|'([^']+)')/.exec(match[1] ?? '');
    if (!id) throw new Error(`${path}: ${match[0]} needs a literal id="…", so the page can be checked`);
    return id[1] ?? id[2]!;
  });
}

describe('listedPlaygrounds and embeddedPlaygrounds', () => {
  it('read the flow and block forms of the list, and the embedded ids', () => {
    const page = (text: string): Page => ({ path: 'x.mdx', text });
    expect(listedPlaygrounds(page('---\ntitle: X\nplaygrounds: [a, "b"]\n---\n'))).toEqual(['a', 'b']);
    expect(listedPlaygrounds(page('---\nplaygrounds:\n  - a\n  - b\ntitle: X\n---\n'))).toEqual(['a', 'b']);
    expect(listedPlaygrounds(page('---\ntitle: X\n---\n'))).toEqual([]);
    expect(embeddedPlaygrounds(page('<Playground id="a" />\ntext\n<Playground id=\'b\'/>'))).toEqual(['a', 'b']);
    expect(() => embeddedPlaygrounds(page('<Playground id={name} />'))).toThrow(/literal id/);
  });
});

describe.each(pageNames)('%s', (name) => {
  const pages = Object.fromEntries(locales.map((locale) => [locale, readPage(locale, name)])) as Record<Locale, Page>;

  it('lists the same playgrounds in every language', () => {
    for (const locale of otherLocales) {
      expect(listedPlaygrounds(pages[locale]), pages[locale].path).toEqual(listedPlaygrounds(pages[firstLocale]));
    }
  });

  it.each(locales)('%s: embeds exactly the playgrounds it lists, once each, and each one exists', (locale) => {
    const page = pages[locale];
    const listed = listedPlaygrounds(page);
    const embedded = embeddedPlaygrounds(page);
    expect(listed.filter((id) => !playgroundIds.includes(id)), `${page.path}: listed, but no playgrounds/<id>/playground.json`).toEqual([]);
    expect(listed.filter((id) => !embedded.includes(id)), `${page.path}: listed in front matter, never embedded`).toEqual([]);
    expect(embedded.filter((id) => !listed.includes(id)), `${page.path}: embedded, missing from front matter`).toEqual([]);
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
  const used = new Set(pageNames.flatMap((name) => listedPlaygrounds(readPage(firstLocale, name))));
  expect(playgroundIds.length).toBeGreaterThan(0);
  expect(playgroundIds.filter((id) => !used.has(id))).toEqual([]);
});

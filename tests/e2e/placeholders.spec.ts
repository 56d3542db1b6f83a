import { readdirSync, readFileSync } from 'node:fs';
import { join, posix, relative } from 'node:path';
import { expect, test } from '@playwright/test';
import { distDir } from './site.ts';

// No built page shows a reader unfinished work: a TODO, placeholder text, or a note that a translation is missing.
// Read from dist/ like links.spec.ts, so every page is checked, in both languages, whether or not a link leads to it.
// Only visible text counts: scripts, styles and attribute values are dropped before searching.
const placeholders: [name: string, pattern: RegExp][] = [
  ['TODO', /\btodo\b/i],
  ['FIXME', /\bfixme\b/i],
  ['lorem ipsum', /\blorem\s+ipsum\b/i],
  ['ダミー', /ダミー/],
  ['未翻訳', /未翻訳/],
  ['coming soon', /\bcoming\s+soon\b/i],
];

function htmlFiles(): string[] {
  return readdirSync(distDir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.html'))
    .map((entry) => join(entry.parentPath, entry.name))
    .sort();
}

/** The text a reader can see: no <script>, <style>, <template> or comments, no tags, entities decoded. */
function visibleText(html: string): string {
  return html
    .replace(/<(script|style|template)\b[\s\S]*?<\/\1\s*>/gi, ' ')
    .replace(/<!--[\s\S]*?-->/g, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&(?:#(\d+)|#x([0-9a-f]+)|(amp|lt|gt|quot|apos|nbsp|#39));/gi, (_whole, dec?: string, hex?: string, name?: string) => {
      if (dec) return String.fromCodePoint(Number(dec));
      if (hex) return String.fromCodePoint(parseInt(hex, 16));
      return { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ', '#39': "'" }[name!.toLowerCase()] ?? ' ';
    })
    .replace(/\s+/g, ' ');
}

const files = htmlFiles();

test('the built site has pages in every language to check', () => {
  const paths = files.map((file) => posix.normalize(relative(distDir, file).split('\\').join('/')));
  expect(paths.some((path) => path.startsWith('en/'))).toBe(true);
  expect(paths.some((path) => path.startsWith('ja/'))).toBe(true);
});

test('visibleText drops scripts, styles and markup, and keeps what a reader sees', () => {
  const html = '<style>.todo{}</style><p title="TODO">Coming&nbsp;soon</p><script>// FIXME</script><!-- lorem ipsum -->';
  expect(visibleText(html).trim()).toBe('Coming soon');
});

test('no built page shows placeholder text', () => {
  const found: string[] = [];
  for (const file of files) {
    const text = visibleText(readFileSync(file, 'utf8'));
    for (const [name, pattern] of placeholders) {
      const match = pattern.exec(text);
      if (!match) continue;
      const around = text.slice(Math.max(0, match.index - 40), match.index + match[0].length + 40).trim();
      found.push(`${relative(distDir, file)}: "${name}" in "…${around}…"`);
    }
  }
  expect(found).toEqual([]);
});

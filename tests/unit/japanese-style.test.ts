// The Japanese style check CI runs (CONTRIBUTING.md, "Writing Japanese"): over the prose of every Japanese page, the Japanese UI strings
// and the Japanese texts of every playground manifest. The rules themselves are in scripts/japanese-style.ts.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  checkJapanesePage,
  checkJapaneseStrings,
  findStyleProblems,
  formatFinding,
  proseLines,
} from '../../scripts/japanese-style.ts';
import { ui } from '../../src/i18n/ui.ts';

const pagesDir = 'content/docs/ja';
const pages = readdirSync(pagesDir).filter((name) => /\.mdx?$/.test(name)).sort();
const manifests = readdirSync('playgrounds', { withFileTypes: true })
  .filter((entry) => entry.isDirectory() && !entry.name.startsWith('_'))
  .map((entry) => join('playgrounds', entry.name, 'playground.json'))
  .sort();

/** Every `ja` string anywhere in a manifest: title, claim, labels, the webcontainer note or why. */
function japaneseTexts(value: unknown): string[] {
  if (Array.isArray(value)) return value.flatMap(japaneseTexts);
  if (value === null || typeof value !== 'object') return [];
  return Object.entries(value).flatMap(([key, inner]) =>
    key === 'ja' && typeof inner === 'string' ? [inner] : japaneseTexts(inner),
  );
}

describe('the Japanese style rules', () => {
  it.each([
    ['Node のサーバで動かします。', 'サーバー'],
    ['ユーザが送ったリクエストです。', 'ユーザー'],
    ['ブラウザで開きます。', 'ブラウザー'],
    ['パラメータを渡します。', 'パラメーター'],
    ['非同期のライブラリーを使います。', 'ライブラリ'],
    ['フォルダを作ります。', 'フォルダー'],
    ['イベント・ループが回ります。', 'イベントループ'],
    ['処理されない拒否で止まります。', '未処理の拒否'],
    ['3 つの抜け道があります。', '対処法'],
    ['3 つの解決策があります。', '対処法'],
    ['待っているあいだに返します。', '間'],
    ['原因はひとつです。', '1 つ'],
    ['プロミスを返します。', '`Promise`'],
    ['Promise を返します。', '`Promise`'],
    ['期限：Promise.race では足りません。', '`Promise.race`'],
    ['これは promise です。', '`Promise`'],
    ['待ちます，それから返します．', '、'],
    ['この API（1秒）は遅い。', 'half-width space'],
    ['サーバーの/healthは速い。', 'half-width space'],
    ['`await`で待ちます。', 'half-width space'],
  ])('flags %j and says how to fix it', (line, fix) => {
    const findings = checkJapanesePage('content/docs/ja/example.mdx', `---\ntitle: 例\n---\n\n${line}\n`);
    expect(findings.length).toBeGreaterThan(0);
    const message = formatFinding(findings[0]!);
    expect(message).toMatch(/^content\/docs\/ja\/example\.mdx:5: /);
    expect(message).toContain(fix);
  });

  it.each([
    'Node のサーバーで動かします。',
    'ユーザーが送った `Promise` です。',
    '非同期のライブラリを使います。',
    '浮いた `Promise`（floating promise）と呼びます。',
    'サーバーの `/health` は 1 秒で返ります。',
    '(a) と (b) は 300 ms で返ります。',
    'TypeScript・JavaScript 開発者のためのサイトです。',
  ])('accepts %j', (line) => {
    expect(checkJapanesePage('content/docs/ja/example.mdx', `${line}\n`)).toEqual([]);
  });

  it('reads only prose: no front matter, code blocks, inline code, imports or JSX tags', () => {
    const page = [
      '---',
      'title: Promise とサーバ',
      '---',
      '',
      "import Playground from '~/components/Playground.astro';",
      '',
      '```ts',
      "const サーバ = 'promise'; // ブラウザ",
      '```',
      '',
      '<Playground id="blocking-the-loop" />',
      '',
      '<dt id="promise">`Promise`（promise）</dt>',
      '',
      '詳しくは [`Promise` とイベントループ](/ja/event-loop/#promise) を見てください。',
    ].join('\n');
    expect(proseLines(page).map((line) => line.line)).toEqual([13, 15]);
    expect(checkJapanesePage('content/docs/ja/example.mdx', page)).toEqual([]);
  });

  it('finds 。 at the end of a heading and of a list item, also when the item wraps', () => {
    const page = ['## 見出し。', '', '- 1 行の項目。', '- 折り返す項目は Node', '  の続きの行。', '- 正しい項目', '', '段落の文は。で終わります。'].join('\n');
    expect(checkJapanesePage('content/docs/ja/example.mdx', page).map(formatFinding)).toEqual([
      'content/docs/ja/example.mdx:1: end the heading without "。"',
      'content/docs/ja/example.mdx:3: end the list item without "。"',
      'content/docs/ja/example.mdx:5: end the list item without "。"',
    ]);
  });

  it('finds a line break inside Japanese text, which a browser shows as a space', () => {
    const page = ['思いがけない動きに', '出会う開発者のためのサイトです。', '', '小さな Node', 'プロジェクトです。', '', '- 項目の', '  続きです', '', '| 表 |', '| 行 |'].join('\n');
    expect(checkJapanesePage('content/docs/ja/example.mdx', page).map(formatFinding)).toEqual([
      'content/docs/ja/example.mdx:2: join this line to the one above: a line break between Japanese characters shows as a space (in Chrome, say)',
      'content/docs/ja/example.mdx:8: join this line to the one above: a line break between Japanese characters shows as a space (in Chrome, say)',
    ]);
  });

  it('treats placeholders in UI strings as neither Japanese nor Latin, and plain-text Promise as right', () => {
    expect(findStyleProblems('{process}を起動しています…', 'plain')).toEqual([]);
    expect(findStyleProblems('Promise.all で待ちます。', 'plain')).toEqual([]);
    expect(findStyleProblems('promise で待ちます。', 'plain')).toEqual(['write "Promise", not "promise"']);
    const source = "  key: { en: 'Server', ja: 'サーバ' },\n";
    expect(checkJapaneseStrings('src/i18n/ui.ts', `\n${source}`, ['サーバ'], (text) => text).map(formatFinding)).toEqual([
      'src/i18n/ui.ts:2: write "サーバー", not "サーバ" (one long-vowel style)',
    ]);
  });
});

describe('Japanese pages follow the style', () => {
  it('has pages to check', () => expect(pages.length).toBeGreaterThan(0));

  it.each(pages)('content/docs/ja/%s', (page) => {
    const file = join(pagesDir, page);
    expect(checkJapanesePage(file, readFileSync(file, 'utf8')).map(formatFinding)).toEqual([]);
  });
});

describe('Japanese strings outside the pages follow the style', () => {
  it('src/i18n/ui.ts', () => {
    const file = 'src/i18n/ui.ts';
    const strings = Object.values(ui).map((text) => text.ja);
    expect(checkJapaneseStrings(file, readFileSync(file, 'utf8'), strings, (text) => text).map(formatFinding)).toEqual([]);
  });

  it.each(manifests)('%s', (file) => {
    const source = readFileSync(file, 'utf8');
    const strings = japaneseTexts(JSON.parse(source));
    expect(strings.length).toBeGreaterThan(0);
    const literal = (text: string) => JSON.stringify(text).slice(1, -1);
    expect(checkJapaneseStrings(file, source, strings, literal).map(formatFinding)).toEqual([]);
  });
});

// The Japanese style rules of CONTRIBUTING.md ("Writing Japanese"), as code: a small prh-like dictionary of wrong → right terms, `Promise`
// kept in Latin script, no 。 closing a heading or a list item, 、。 rather than ，．, a half-width space between
// Japanese and Latin words, numbers or inline code, and no line break inside Japanese text. Pure: text in, findings
// out. tests/unit/japanese-style.test.ts runs it over every Japanese page, the Japanese UI strings and the
// playground manifests' Japanese texts.

export interface StyleFinding {
  file: string;
  /** 1-based line in the file. */
  line: number;
  /** What is wrong and how to fix it. */
  message: string;
}

/** `mdx`: page prose, where code can be marked up. `plain`: a UI string or a manifest text, shown as plain text. */
export type StyleContext = 'mdx' | 'plain';

interface Term {
  wrong: RegExp;
  right: string;
  why: string;
}

// prh-style: each `wrong` must not occur, `right` is what to write instead. One convention for katakana, the one
// Microsoft's Japanese style guide uses: an English -er, -or or -ar ending keeps its ー (サーバー, ユーザー, ブラウザー:
// CONTRIBUTING.md), a -y ending does not (ライブラリ, メモリ, プライマリ, クエリ).
const terms: Term[] = [
  { wrong: /サーバ(?!ー)/g, right: 'サーバー', why: 'one long-vowel style' },
  { wrong: /ユーザ(?!ー)/g, right: 'ユーザー', why: 'one long-vowel style' },
  { wrong: /ブラウザ(?!ー)/g, right: 'ブラウザー', why: 'one long-vowel style' },
  { wrong: /パラメータ(?!ー)/g, right: 'パラメーター', why: 'one long-vowel style' },
  { wrong: /フォルダ(?!ー)/g, right: 'フォルダー', why: 'one long-vowel style' },
  { wrong: /ライブラリー/g, right: 'ライブラリ', why: 'a -y ending takes no ー' },
  { wrong: /メモリー/g, right: 'メモリ', why: 'a -y ending takes no ー' },
  { wrong: /ディレクトリー/g, right: 'ディレクトリ', why: 'a -y ending takes no ー' },
  { wrong: /プライマリー/g, right: 'プライマリ', why: 'a -y ending takes no ー' },
  { wrong: /レイテンシー/g, right: 'レイテンシ', why: 'a -y ending takes no ー' },
  { wrong: /クエリー/g, right: 'クエリ', why: 'a -y ending takes no ー' },
  { wrong: /サードパーティー/g, right: 'サードパーティ', why: 'a -y ending takes no ー' },
  { wrong: /バイナリー/g, right: 'バイナリ', why: 'a -y ending takes no ー' },
  { wrong: /エントリー/g, right: 'エントリ', why: 'a -y ending takes no ー' },
  { wrong: /イベント[・･\s　]+ループ/g, right: 'イベントループ', why: 'a fixed term, written as one word' },
  { wrong: /処理されない拒否/g, right: '未処理の拒否', why: 'the fixed term for an unhandled rejection' },
  { wrong: /抜け道|解決策/g, right: '対処法', why: 'one word for the ways around a blocking call' },
  { wrong: /あいだ/g, right: '間', why: 'one notation for "while"' },
  { wrong: /ひとつ/g, right: '1 つ', why: 'counters are written in digits' },
];

// Hiragana, katakana (without the middle dot ・, which joins Latin words too), CJK ideographs and 々.
const JAPANESE = '[\\u3040-\\u309f\\u30a0-\\u30fa\\u30fc-\\u30ff\\u3005\\u3400-\\u4dbf\\u4e00-\\u9fff]';
// Latin letters, digits, inline code (masked to `…`), and the half-width brackets and slash of `(a)` or `/health`.
const LATIN = '[A-Za-z0-9`()/]';
const unspaced = new RegExp(`(${JAPANESE})(${LATIN})|(${LATIN})(${JAPANESE})`, 'g');
// Japanese text and its punctuation, either side of a line break.
const JAPANESE_TEXT = `(?:${JAPANESE}|[、。「」（）『』！？：])`;
const endsJapanese = new RegExp(`${JAPANESE_TEXT}$`);
const startsJapanese = new RegExp(`^${JAPANESE_TEXT}`);

/** Where a masked inline code span was: Latin for the spacing rule, and opaque to every other rule. */
const CODE = '`…`';

/** One line of prose, with code, tags and link targets masked, and what kind of line it is. */
export interface ProseLine {
  line: number;
  text: string;
  /** A heading, the last line of a list item, or any other prose (paragraphs, tables, JSX content). */
  kind: 'heading' | 'list-item-end' | 'text';
  /** The line goes on with the paragraph or list item of the line above: the break between them is a space. */
  continues: boolean;
}

/** Inline code, MDX comments, JSX/HTML tags and link targets out of one line; text between tags stays. */
export function maskMarkup(line: string): string {
  return line
    .replace(/(`+)(?!`)([\s\S]*?[^`])\1(?!`)/g, CODE)
    .replace(/\{\/\*[\s\S]*?\*\/\}/g, '')
    .replace(/<\/?[A-Za-z][^<>]*>/g, '')
    .replace(/\]\([^)]*\)/g, ']');
}

const LIST_MARKER = /^\s*(?:[-*+]|\d+[.)])\s+/;
// Lines that stand alone rather than go on from the line above: headings, table rows, JSX and HTML.
const STANDS_ALONE = /^\s*(?:#{1,6}\s|\||<)/;

/**
 * The prose lines of an MDX page: front matter, fenced code blocks, `import`/`export` lines and blank lines are
 * skipped; inline code, JSX tags and link targets are masked. A wrapped list item's last line is its end.
 */
export function proseLines(source: string): ProseLine[] {
  const lines = source.split('\n').map((line) => line.replace(/\r$/, ''));
  const prose: ProseLine[] = [];
  let index = 0;
  if (lines[0] === '---') {
    index = lines.indexOf('---', 1) + 1;
    if (index === 0) return [];
  }
  let fence: string | undefined;
  let inItem = false;
  // Whether the line above was prose a following line can go on from (not blank, a heading, a table row or JSX).
  let open = false;
  const endItem = () => {
    const last = prose.at(-1);
    if (inItem && last) last.kind = 'list-item-end';
    inItem = false;
  };
  for (; index < lines.length; index++) {
    const raw = lines[index]!;
    if (fence) {
      const closing = new RegExp(`^\\s*${fence[0] === '`' ? '`' : '~'}{${fence.length},}\\s*$`);
      if (closing.test(raw)) fence = undefined;
      continue;
    }
    const opening = /^\s*(`{3,}|~{3,})/.exec(raw);
    if (opening) {
      endItem();
      open = false;
      fence = opening[1];
      continue;
    }
    if (raw.trim() === '' || /^(?:import|export)\s/.test(raw)) {
      endItem();
      open = false;
      continue;
    }
    const startsItem = LIST_MARKER.test(raw);
    const continuesItem = inItem && !startsItem && /^\s+\S/.test(raw);
    if (!continuesItem) endItem();
    const standsAlone = STANDS_ALONE.test(raw);
    const continues = open && !startsItem && !standsAlone;
    open = !standsAlone;
    const text = maskMarkup(raw);
    if (text.trim() === '') continue;
    prose.push({ line: index + 1, text, kind: /^#{1,6}\s/.test(raw) ? 'heading' : 'text', continues });
    if (startsItem) inItem = true;
  }
  endItem();
  return prose;
}

/** Every style problem in one piece of Japanese text (one prose line, or one UI string / manifest text). */
export function findStyleProblems(text: string, context: StyleContext): string[] {
  const problems: string[] = [];
  for (const term of terms) {
    for (const match of text.matchAll(term.wrong)) {
      problems.push(`write "${term.right}", not "${match[0]}" (${term.why})`);
    }
  }
  // `Promise` stays in Latin script, and in prose it is code. An English gloss in full-width brackets, such as
  // 「浮いた Promise（floating promise）」, is English and may say promise.
  const withoutGlosses = text.replace(/（[\x20-\x7e]+）/g, '（）');
  for (const match of withoutGlosses.matchAll(/プロミス|\b[Pp]romises?\b(?:\.\w+)?/g)) {
    const found = match[0];
    const name = found === 'プロミス' ? 'Promise' : found.replace(/^promises?|^Promises/, 'Promise');
    if (context === 'mdx') problems.push(`write \`${name}\` (as inline code), not "${found}"`);
    else if (found !== name) problems.push(`write "${name}", not "${found}"`);
  }
  for (const match of text.matchAll(/[，．]/g)) {
    problems.push(`write "${match[0] === '，' ? '、' : '。'}", not the full-width "${match[0]}"`);
  }
  for (const match of text.matchAll(unspaced)) {
    const [left, right] = match[1] ? [match[1], match[2]] : [match[3], match[4]];
    const at = text.slice(Math.max(0, match.index - 6), match.index + 8).replaceAll(CODE, '`code`');
    problems.push(`put a half-width space between "${left}" and "${right}" in "${at}"`);
  }
  return problems;
}

/** Every style problem of a Japanese MDX page, each with its file and line. */
export function checkJapanesePage(file: string, source: string): StyleFinding[] {
  const lines = proseLines(source);
  return lines.flatMap(({ line, text, kind, continues }, index) => {
    const problems = findStyleProblems(text, 'mdx');
    if (kind !== 'text' && text.trimEnd().endsWith('。')) {
      problems.push(`end the ${kind === 'heading' ? 'heading' : 'list item'} without "。"`);
    }
    const above = lines[index - 1]?.text.trimEnd() ?? '';
    if (continues && endsJapanese.test(above) && startsJapanese.test(text.trimStart())) {
      problems.push('join this line to the one above: a line break between Japanese characters shows as a space (in Chrome, say)');
    }
    return problems.map((message) => ({ file, line, message }));
  });
}

/** Every style problem of the Japanese strings of one file; each is looked up in `source` for its line. */
export function checkJapaneseStrings(file: string, source: string, strings: string[], literal: (text: string) => string): StyleFinding[] {
  return strings.flatMap((text) => {
    // `{process}` and its kind are placeholders, filled in later: neither Japanese nor Latin.
    const problems = findStyleProblems(text.replace(/\{\w+\}/g, '\u2060'), 'plain');
    const offset = source.indexOf(literal(text));
    const line = offset < 0 ? 0 : source.slice(0, offset).split('\n').length;
    return problems.map((message) => ({ file, line, message }));
  });
}

export function formatFinding({ file, line, message }: StyleFinding): string {
  return `${file}:${line}: ${message}`;
}

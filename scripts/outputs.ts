// The output blocks of the MDX pages, and how a real run is compared with them. The running itself is in
// tests/playgrounds/outputs.test.ts; this module is pure so its rules can be unit-tested.
//
// Convention (also in CONTRIBUTING.md):
// - A ```ts block is *followed by an output block* when the next code block of the section (no heading in
//   between; prose may be) is a ```text block, or a ```sh block that runs it and then a ```text block.
// - The output is compared line by line, after trailing spaces are trimmed and the run's temporary folder is
//   written as /tmp/demo (the path pages show). A `Node.js vX.Y.Z` line is compared by major version only.
// - `vary="numbers"` on the output fence: every number in the page's block stands for any number (timings,
//   pids), except that a 0 must be 0 and any other number must not be ("0 ticks" is a claim); the text around the numbers and the order of the lines must still match, so "which line is late"
//   is checked. `vary="repeats"`: a line the page repeats (a heartbeat) may be printed any number of times,
//   at least once, in the same place. Both: `vary="numbers repeats"`.
// - `norun="reason"` on the output fence: the block is not run, and the reason is listed by the test.
// - `cores="N"` on the output fence: the run is pinned to N CPUs (taskset), for output that depends on them.
import { extractCodeBlocks } from './snippets.ts';

/** Which parts of an output may differ from run to run. */
export interface Vary {
  numbers: boolean;
  repeats: boolean;
}

export interface OutputPair {
  file: string;
  /** 1-based line of the ```ts fence, and of the output fence. */
  codeLine: number;
  outputLine: number;
  code: string;
  expected: string;
  vary: Vary;
  norun: string | undefined;
  cores: number | undefined;
  /** The file name the page's output shows the snippet under (`/tmp/demo/charge.ts`), else `snippet.ts`. */
  fileName: string;
}

/** `key="value"` pairs of a fence's meta string. */
export function fenceMeta(fenceLine: string): Record<string, string> {
  const meta: Record<string, string> = {};
  for (const match of fenceLine.matchAll(/(\w+)="([^"]*)"/g)) meta[match[1] ?? ''] = match[2] ?? '';
  return meta;
}

const knownKeys = new Set(['vary', 'norun', 'cores', 'title']);

/** The ts blocks of a page that are followed by an output block, in page order. Throws on a malformed meta. */
export function findOutputPairs(file: string, text: string): OutputPair[] {
  const lines = text.split('\n').map((line) => line.replace(/\r$/, ''));
  const blocks = extractCodeBlocks(text).map((block) => {
    const fenceLine = block.line - 1; // 1-based line of the opening fence
    const closeLine = block.line + (block.code === '' ? 0 : block.code.split('\n').length);
    return { ...block, fenceLine, closeLine, meta: fenceMeta(lines[fenceLine - 1] ?? '') };
  });
  const headingBetween = (from: number, to: number) => lines.slice(from, to - 1).some((line) => /^#{1,6}\s/.test(line));
  const pairs: OutputPair[] = [];
  blocks.forEach((block, index) => {
    if (block.lang !== 'ts') return;
    let next = blocks[index + 1];
    if (next?.lang === 'sh' && !headingBetween(block.closeLine, next.fenceLine)) next = blocks[index + 2];
    if (!next || next.lang !== 'text' || headingBetween(block.closeLine, next.fenceLine)) return;
    for (const key of Object.keys(next.meta)) {
      if (!knownKeys.has(key)) throw new Error(`${file}:${next.fenceLine}: unknown output meta "${key}"`);
    }
    const varyWords = (next.meta.vary ?? '').split(/\s+/).filter(Boolean);
    if (varyWords.some((word) => word !== 'numbers' && word !== 'repeats')) throw new Error(`${file}:${next.fenceLine}: vary takes "numbers" and/or "repeats"`);
    const vary: Vary = { numbers: varyWords.includes('numbers'), repeats: varyWords.includes('repeats') };
    const cores = next.meta.cores === undefined ? undefined : Number(next.meta.cores);
    if (cores !== undefined && !(Number.isInteger(cores) && cores > 0)) throw new Error(`${file}:${next.fenceLine}: bad cores`);
    const norun = next.meta.norun;
    if (norun !== undefined && norun.trim() === '') throw new Error(`${file}:${next.fenceLine}: norun needs a reason`);
    pairs.push({
      file,
      codeLine: block.fenceLine,
      outputLine: next.fenceLine,
      code: block.code,
      expected: next.code,
      vary,
      norun,
      cores,
      fileName: /\/tmp\/demo\/([\w.-]+\.ts)/.exec(next.code)?.[1] ?? 'snippet.ts',
    });
  });
  return pairs;
}

/** What a run printed, in the form pages show it: the temp folder as /tmp/demo, no trailing spaces or blank tail. */
export function normaliseRun(output: string, tempDir: string): string {
  return output.split(tempDir).join('/tmp/demo').split('\n').map((line) => line.trimEnd()).join('\n').replace(/\n+$/, '');
}

const numberPattern = /\d+(?:\.\d+)?/g;
const nonZero = '(?!0+(?:\\.0+)?(?![\\d.]))\\d+(?:\\.\\d+)?';
const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

function linePattern(line: string, vary: OutputPair['vary']): RegExp {
  const nodeVersion = /^Node\.js v(\d+)\.\d+\.\d+$/.exec(line);
  if (nodeVersion) return new RegExp(`^Node\\.js v${nodeVersion[1]}\\.\\d+\\.\\d+$`);
  if (!vary.numbers) return new RegExp(`^${escape(line)}$`);
  // Zero stays zero, and any other number matches any number but zero: "0 ticks" is the point of a line, not a timing.
  const numbers = line.match(numberPattern) ?? [];
  const texts = line.split(numberPattern).map(escape);
  return new RegExp(`^${texts.map((text, i) => (i < numbers.length ? text + (Number(numbers[i]) === 0 ? escape(numbers[i] ?? '') : nonZero) : text)).join('')}$`);
}

/** Compares a run with the page's block; returns the first difference, or undefined when they match. */
export function compareOutput(expected: string, actual: string, vary: OutputPair['vary']): string | undefined {
  const collapse = (lines: string[]) => (vary.repeats ? lines.filter((line, i) => line !== lines[i - 1]) : lines);
  const want = collapse(expected.split('\n').map((line) => line.trimEnd()));
  const got = collapse(actual === '' ? [] : actual.split('\n'));
  for (let i = 0; i < Math.max(want.length, got.length); i++) {
    const page = want[i];
    const run = got[i];
    if (page === undefined) return `line ${i + 1}: the run printed more: ${JSON.stringify(run)}`;
    if (run === undefined) return `line ${i + 1}: the run ended, the page shows ${JSON.stringify(page)}`;
    if (!linePattern(page, vary).test(run)) return `line ${i + 1}: the page shows ${JSON.stringify(page)}, the run printed ${JSON.stringify(run)}`;
  }
  return undefined;
}

/** The numbers of an output, in order. */
const numbersOf = (text: string): string[] => text.match(numberPattern) ?? [];

/** Lines as a reader counts them: an inspected array or a stack trace that wraps joins the line it continues. */
const logicalLines = (text: string) => text.split('\n').filter((line, i) => i === 0 || !/^(\s|\])/.test(line)).length;

/**
 * Whether the ja block shows the same run as the en one, strings being translated: the same number of lines,
 * and the en block's numbers, in order, among the ja block's (a translation may add a number, "2 つの").
 * Returns the difference, or undefined.
 */
export function compareTranslation(en: string, ja: string): string | undefined {
  if (logicalLines(en) !== logicalLines(ja)) return `en has ${logicalLines(en)} lines, ja ${logicalLines(ja)}`;
  const jaNumbers = numbersOf(ja);
  let at = 0;
  for (const number of numbersOf(en)) {
    at = jaNumbers.indexOf(number, at);
    if (at < 0) return `en shows ${number} where ja does not (en numbers ${numbersOf(en).join(' ')}, ja ${jaNumbers.join(' ')})`;
    at += 1;
  }
  return undefined;
}

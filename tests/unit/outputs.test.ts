import { describe, expect, it } from 'vitest';
import { compareOutput, compareTranslation, findOutputPairs, normaliseRun } from '../../scripts/outputs.ts';

const exact = { numbers: false, repeats: false };
const numbers = { numbers: true, repeats: false };

describe('findOutputPairs', () => {
  it('pairs a ts block with the text block after it, through prose or a sh block, not across a heading or another block', () => {
    const page = [
      '```ts', 'console.log(1);', '```', '', 'Run it and you get:', '', '```text vary="numbers"', '1', '```',
      '```ts', 'run();', '```', '```sh', 'node run.ts', '```', '```text norun="a server"', 'up', '```',
      '```ts', 'a();', '```', '## Next', '```text', 'not its output', '```',
      '```ts', 'b();', '```', '```python', 'b()', '```', '```text', 'python output', '```',
    ].join('\n');
    const pairs = findOutputPairs('x.mdx', page);
    expect(pairs.map((pair) => [pair.codeLine, pair.outputLine, pair.code, pair.expected, pair.vary.numbers, pair.norun])).toEqual([
      [1, 7, 'console.log(1);', '1', true, undefined],
      [10, 16, 'run();', 'up', false, 'a server'],
    ]);
  });

  it('takes the file name the output shows, and refuses an unknown or empty declaration', () => {
    expect(findOutputPairs('x.mdx', '```ts\nthrow 1;\n```\n```text\nfile:///tmp/demo/charge.ts:1\n```\n')[0]?.fileName).toBe('charge.ts');
    expect(() => findOutputPairs('x.mdx', '```ts\nx;\n```\n```text varies="numbers"\n1\n```\n')).toThrow(/unknown output meta/);
    expect(() => findOutputPairs('x.mdx', '```ts\nx;\n```\n```text norun=""\n1\n```\n')).toThrow(/reason/);
    expect(() => findOutputPairs('x.mdx', '```ts\nx;\n```\n```text vary="timings"\n1\n```\n')).toThrow(/vary/);
  });
});

describe('compareOutput', () => {
  it('wants the exact lines unless told otherwise', () => {
    expect(compareOutput('a\nb', 'a\nb', exact)).toBeUndefined();
    expect(compareOutput('a 1', 'a 2', exact)).toMatch(/line 1/);
    expect(compareOutput('a\nb', 'a', exact)).toMatch(/the run ended/);
    expect(compareOutput('a', 'a\nb', exact)).toMatch(/printed more/);
  });

  it('with vary="numbers", lets a timing differ but keeps the text, the order, and zero as zero', () => {
    const page = 'both sums finished at 306 ms\n0 ms timer ran at 308 ms';
    expect(compareOutput(page, 'both sums finished at 750 ms\n0 ms timer ran at 756 ms', numbers)).toBeUndefined();
    expect(compareOutput(page, '0 ms timer ran at 5 ms\nboth sums finished at 750 ms', numbers)).toMatch(/line 1/);
    expect(compareOutput('took about 0.5 s', 'took about 0.7 s', numbers)).toBeUndefined();
    expect(compareOutput('ticks: 0', 'ticks: 4', numbers)).toMatch(/line 1/);
    expect(compareOutput('ticks: 25', 'ticks: 0', numbers)).toMatch(/line 1/);
  });

  it('with vary="repeats", lets a repeated line come any number of times, but at least once and in its place', () => {
    const vary = { numbers: false, repeats: true };
    expect(compareOutput('beat\nbeat\ndone', 'beat\nbeat\nbeat\nbeat\ndone', vary)).toBeUndefined();
    expect(compareOutput('beat\nbeat\ndone', 'done', vary)).toMatch(/line 1/);
    expect(compareOutput('beat\nbeat\ndone', 'beat\ndone\nbeat', vary)).toMatch(/printed more/);
  });

  it('compares the Node version line by major version, and a run as the page shows it', () => {
    expect(compareOutput('Node.js v24.21.0', 'Node.js v24.30.1', exact)).toBeUndefined();
    expect(compareOutput('Node.js v24.21.0', 'Node.js v25.0.0', exact)).toMatch(/line 1/);
    expect(normaliseRun('at file:///tmp/x1/a.ts:3  \n\n', '/tmp/x1')).toBe('at file:///tmp/demo/a.ts:3');
  });
});

describe('compareTranslation', () => {
  it('accepts translated strings of the same run and refuses numbers or lines from another run', () => {
    expect(compareTranslation('both sums finished at 306 ms', '2 つの合計が終わった時刻: 306 ms')).toBeUndefined();
    expect(compareTranslation("[\n  'before',\n  'after'\n]", "[ '前', '後' ]")).toBeUndefined();
    expect(compareTranslation('ticks: 19', 'ティック数: 24')).toMatch(/19/);
    expect(compareTranslation('beat\nbeat\ndone', 'ビート\nビート\nビート\n終わり')).toMatch(/lines/);
  });
});

import { describe, expect, it } from 'vitest';
import { checkSnippets, extractCodeBlocks } from '../../scripts/snippets.ts';

const page = (body: string) => ({ file: 'content/docs/en/x.mdx', text: `---\ntitle: X\n---\n\n${body}` });

describe('extractCodeBlocks', () => {
  it('finds fenced blocks with their language and first code line', () => {
    const blocks = extractCodeBlocks('intro\n```ts title="a.ts"\nconst a = 1;\n```\n\n~~~text\nout\n~~~\n````md\n```ts\nnested\n```\n````\n');
    expect(blocks).toEqual([
      { lang: 'ts', code: 'const a = 1;', line: 3 },
      { lang: 'text', code: 'out', line: 7 },
      { lang: 'md', code: '```ts\nnested\n```', line: 10 },
    ]);
  });
});

describe('checkSnippets', () => {
  const root = process.cwd();

  it('accepts a correct snippet, with top-level await and Node types', () => {
    const { count, diagnostics } = checkSnippets([page("```ts\nimport { setTimeout as sleep } from 'node:timers/promises';\nawait sleep(1);\n```\n")], root);
    expect(count).toBe(1);
    expect(diagnostics).toEqual([]);
  });

  it('reports a type error at its line in the page', () => {
    const { diagnostics } = checkSnippets([page('```ts\nconst ok = 1;\nconst n: number = "one";\n```\n')], root);
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0]).toMatchObject({ file: 'content/docs/en/x.mdx', line: 7, code: 2322 });
  });

  it('fails a block that says it shows an error when the error is gone', () => {
    const { diagnostics } = checkSnippets([page('```ts\n// @ts-expect-error\nconst n: number = 1;\n```\n')], root);
    expect(diagnostics.map((d) => d.code)).toEqual([2578]);
  });

  it('passes a block whose marked error really occurs', () => {
    const { diagnostics } = checkSnippets([page('```ts\n// @ts-expect-error: a string is not a number\nconst n: number = "one";\n```\n')], root);
    expect(diagnostics).toEqual([]);
  });

  it('checks only TypeScript blocks, each as its own module', () => {
    const { count, diagnostics } = checkSnippets(
      [page('```ts\nconst x = 1;\n```\n\n```ts\nconst x = "again";\n```\n\n```python\nx: int = "no"\n```\n')],
      root,
    );
    expect(count).toBe(2);
    expect(diagnostics).toEqual([]);
  });
});

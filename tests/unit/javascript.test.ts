import { describe, expect, it } from 'vitest';
import { EditedCodeError, javaScriptArgv, toJavaScript } from '../../src/playground/javascript.ts';
import { stripTypes } from '../../src/playground/strip-types.ts';

describe('toJavaScript', () => {
  it('renames .ts files, strips their types and follows every local reference', () => {
    const out = toJavaScript(
      {
        'server.ts': [
          "import { serve, type Routes } from './server-kit.ts';",
          "const worker = new URL('./worker.ts', import.meta.url);",
          "const lazy = await import('./lazy.ts');",
          'const routes: Routes = {};',
          "import data from './data.json' with { type: 'json' };",
          "import './side-effect.ts';",
          "const where = import.meta.resolve('./resolved.ts');",
        ].join('\n'),
        'playground.json': '{"title":1}',
      },
      stripTypes,
    );
    expect(Object.keys(out).sort()).toEqual(['playground.json', 'server.js']);
    expect(out['playground.json']).toBe('{"title":1}');
    const js = out['server.js'] ?? '';
    expect(js).toContain("from './server-kit.js'");
    expect(js).toContain("new URL('./worker.js', import.meta.url)");
    expect(js).toContain("import('./lazy.js')");
    expect(js).toContain("'./data.json'");
    expect(js).toContain("import './side-effect.js'");
    expect(js).toContain("import.meta.resolve('./resolved.js')");
    expect(js).not.toMatch(/Routes\s*=|: Routes/);
  });

  it('keeps every line where it was, so errors point at the reader’s line', () => {
    const ts = 'interface A {\n  a: number;\n}\nconst x: A = { a: 1 };\nthrow new Error(String(x.a));\n';
    const js = toJavaScript({ 'a.ts': ts }, stripTypes)['a.js'] ?? '';
    expect(js.split('\n')).toHaveLength(ts.split('\n').length);
    expect(js.split('\n')[4]).toContain('throw new Error');
  });

  it('strips syntax Node 24 runs: satisfies, await using, non-null assertions', () => {
    const js = toJavaScript({ 'a.ts': 'await using r = open()!;\nconst c = { a: 1 } satisfies object;\n' }, stripTypes)['a.js'];
    expect(js).toContain('await using r = open()');
    expect(js).not.toContain('satisfies');
  });
});

describe('stripTypes', () => {
  it('reports a syntax error with the file and line', () => {
    let caught: unknown;
    try {
      stripTypes('const a = 1;\nconst b = ;\n', 'server.ts');
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(EditedCodeError);
    expect(caught).toMatchObject({ file: 'server.ts', line: 2 });
  });
});

describe('javaScriptArgv', () => {
  it('runs the .js twin of the entry file', () => {
    expect(javaScriptArgv(['node', 'server.ts'])).toEqual(['node', 'server.js']);
  });
});

// Type-checks the ```ts blocks of the MDX pages: each block is its own ES module, compiled by the
// TypeScript compiler API with the project's strictness, and every error is reported at its line in
// the page. A block that is meant to show an error marks the line with `// @ts-expect-error`, so the
// check fails if the error ever disappears (TS2578, unused directive).
import ts from 'typescript';

export interface CodeBlock {
  lang: string;
  code: string;
  /** 1-based line in the source file of the block's first code line. */
  line: number;
}

export interface SnippetSource {
  file: string;
  text: string;
}

export interface SnippetDiagnostic {
  file: string;
  line: number;
  column: number;
  code: number;
  message: string;
}

const typescriptLangs = new Set(['ts', 'typescript', 'mts']);

/** Fenced code blocks of a Markdown/MDX source, with the line each one's code starts on. */
export function extractCodeBlocks(text: string): CodeBlock[] {
  const blocks: CodeBlock[] = [];
  const lines = text.split('\n');
  let open: { fence: string; lang: string; start: number; body: string[] } | undefined;
  lines.forEach((raw, index) => {
    const line = raw.replace(/\r$/, '');
    if (!open) {
      const start = /^\s*(`{3,}|~{3,})\s*([\w+-]*)/.exec(line);
      if (start) open = { fence: start[1] ?? '```', lang: (start[2] ?? '').toLowerCase(), start: index + 2, body: [] };
      return;
    }
    const fenceChar = open.fence[0] ?? '`';
    const closing = new RegExp(`^\\s*${fenceChar === '`' ? '`' : '~'}{${open.fence.length},}\\s*$`);
    if (closing.test(line)) {
      blocks.push({ lang: open.lang, code: open.body.join('\n'), line: open.start });
      open = undefined;
    } else {
      open.body.push(line);
    }
  });
  return blocks;
}

export const snippetCompilerOptions: ts.CompilerOptions = {
  strict: true,
  noUncheckedIndexedAccess: true,
  target: ts.ScriptTarget.ESNext,
  module: ts.ModuleKind.NodeNext,
  moduleResolution: ts.ModuleResolutionKind.NodeNext,
  lib: ['lib.esnext.d.ts'],
  types: ['node'],
  skipLibCheck: true,
  noEmit: true,
  allowImportingTsExtensions: true,
  erasableSyntaxOnly: true,
};

/** Type-checks every TypeScript block of the given sources; `root` is where `node_modules/@types` lives. */
export function checkSnippets(sources: SnippetSource[], root: string): { count: number; diagnostics: SnippetDiagnostic[] } {
  // Virtual .mts files beside the real ones, so module resolution finds the project's node_modules.
  const virtual = new Map<string, { source: SnippetSource; block: CodeBlock }>();
  for (const source of sources) {
    extractCodeBlocks(source.text)
      .filter((block) => typescriptLangs.has(block.lang))
      .forEach((block, n) => virtual.set(`${root}/.snippets/${source.file.replace(/[^\w.-]+/g, '_')}.${n}.mts`, { source, block }));
  }
  const host = ts.createCompilerHost(snippetCompilerOptions);
  const readFile = host.readFile.bind(host);
  const fileExists = host.fileExists.bind(host);
  host.readFile = (name) => {
    const entry = virtual.get(name);
    // `export {}` keeps every block a module, so top-level await works and names do not collide.
    return entry ? `${entry.block.code}\nexport {};\n` : readFile(name);
  };
  host.fileExists = (name) => virtual.has(name) || fileExists(name);
  host.getCurrentDirectory = () => root;
  const program = ts.createProgram({ rootNames: [...virtual.keys()], options: { ...snippetCompilerOptions, typeRoots: [`${root}/node_modules/@types`] }, host });

  const diagnostics: SnippetDiagnostic[] = [];
  for (const diagnostic of ts.getPreEmitDiagnostics(program)) {
    const entry = diagnostic.file && virtual.get(diagnostic.file.fileName);
    const message = ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n');
    if (!entry || diagnostic.start === undefined || !diagnostic.file) {
      diagnostics.push({ file: diagnostic.file?.fileName ?? '(compiler)', line: 0, column: 0, code: diagnostic.code, message });
      continue;
    }
    const { line, character } = diagnostic.file.getLineAndCharacterOfPosition(diagnostic.start);
    diagnostics.push({ file: entry.source.file, line: entry.block.line + line, column: character + 1, code: diagnostic.code, message });
  }
  return { count: virtual.size, diagnostics };
}

// Whether WebContainer's Node (22, pinned in runtime/webcontainer.ts) strips TypeScript types is unknown, so a
// playground is mounted there as plain JavaScript: each `.ts` file becomes a `.js` file with its types stripped (by
// a stripper that keeps line numbers, so an error's line is the line the reader wrote), and every local reference
// follows the rename. Pure: the stripper is passed in, so the page loads it only when a run needs it.
import { renameLocalReferences } from './local-references.ts';
import type { FileMap } from './runtime/types.ts';

/** Strips types from one file; throws a SyntaxError-like error with `line` for code that does not parse. */
export type StripTypes = (code: string, fileName: string) => string;

export function javaScriptName(fileName: string): string {
  return fileName.endsWith('.ts') ? `${fileName.slice(0, -3)}.js` : fileName;
}

/** The argv to run once the files are JavaScript: `['node', 'server.ts']` -> `['node', 'server.js']`. */
export function javaScriptArgv(argv: readonly string[]): string[] {
  return argv.map((arg, index) => (index === 0 ? arg : javaScriptName(arg)));
}

export function toJavaScript(files: FileMap, strip: StripTypes): FileMap {
  const out: FileMap = {};
  for (const [name, contents] of Object.entries(files)) {
    if (!name.endsWith('.ts')) {
      out[name] = contents;
      continue;
    }
    out[javaScriptName(name)] = renameLocalReferences(strip(contents, name), javaScriptName);
  }
  return out;
}

// Defined beside the Runtime contract, since the orchestrator (run.ts) raises it from a process's output too.
export { EditedCodeError } from './runtime/types.ts';

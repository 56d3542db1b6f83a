// How a playground file names its neighbours: `from './x.ts'`, `import './x.ts'`, `import('./x.ts')`,
// `new URL('./x.ts', import.meta.url)` (worker threads) and `import.meta.resolve('./x.ts')`. One pattern, so the
// check that a playground is complete and the `.ts` -> `.js` rename for WebContainer see the same references.
const LOCAL_REFERENCE = /(\b(?:from\s+|import\s+|import\(\s*|new URL\(\s*|import\.meta\.resolve\(\s*)['"]\.\/)([^'"]+)(['"])/g;

export function localReferences(code: string): string[] {
  return [...code.matchAll(LOCAL_REFERENCE)].map((match) => match[2] ?? '');
}

export function renameLocalReferences(code: string, rename: (name: string) => string): string {
  return code.replace(LOCAL_REFERENCE, (_whole, before: string, name: string, quote: string) => `${before}${rename(name)}${quote}`);
}

// `npm run check:snippets`: every ```ts block in content/ must type-check (see scripts/snippets.ts).
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { checkSnippets } from './snippets.ts';

const contentDir = 'content';
const sources = readdirSync(contentDir, { recursive: true, withFileTypes: true })
  .filter((entry) => entry.isFile() && /\.mdx?$/.test(entry.name))
  .map((entry) => join(entry.parentPath, entry.name))
  .sort()
  .map((file) => ({ file, text: readFileSync(file, 'utf8') }));

const { count, diagnostics } = checkSnippets(sources, process.cwd());
for (const d of diagnostics) console.error(`${d.file}:${d.line}:${d.column} - error TS${d.code}: ${d.message}`);
console.log(`Type-checked ${count} TypeScript snippets in ${sources.length} pages: ${diagnostics.length} errors.`);
process.exitCode = diagnostics.length > 0 ? 1 : 0;

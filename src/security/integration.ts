// Writes each built page's Content-Security-Policy into it (see ./content-security-policy.ts for why per page).
// Runs after every other integration's build step, since a later change to an inline script would void its hash.
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import { withPagePolicy } from './content-security-policy.ts';

export function contentSecurityPolicy(): AstroIntegration {
  return {
    name: 'event-loop-lab:content-security-policy',
    hooks: {
      'astro:build:done': async ({ dir, logger }) => {
        const root = fileURLToPath(dir);
        const pages = (await readdir(root, { recursive: true })).filter((file) => file.endsWith('.html'));
        for (const page of pages) {
          const file = join(root, page);
          try {
            await writeFile(file, withPagePolicy(await readFile(file, 'utf8')));
          } catch (error) {
            throw new Error(`${page}: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
          }
        }
        logger.info(`Content-Security-Policy written into ${pages.length} pages`);
      },
    },
  };
}

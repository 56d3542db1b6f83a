// Swaps the slow query in Starlight's table-of-contents script for ./toc-sections.ts (that file says why).
// A build-time edit of a dependency is fragile, so it is strict: if Starlight's script no longer contains the
// query exactly once, the build stops and says so, rather than shipping either version silently.
import { fileURLToPath } from 'node:url';
import type { Plugin } from 'vite';

const tocScript = /\/@astrojs\/starlight\/dist\/components-internals\/TableOfContents\/starlight-toc\.js$/;
/**
 * Starlight 0.42's selector list, exactly as its script writes it: if it gains, loses or changes a part, this no
 * longer matches. Exported for the test that checks ./toc-sections.ts against it on every built page.
 */
export const starlightTocSelectors = [
  'main :where(${this.tocHeadingSelector})',
  'main :where(${this.tocHeadingSelector}, .sl-heading-wrapper) ~ *:not(:has(${this.tocHeadingSelector}))',
  'main .sl-markdown-content > *:not(:has(${this.tocHeadingSelector}))',
  'main > *:not(:has(${this.tocHeadingSelector}))',
];
const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** `document.querySelectorAll([`…`, …].join())`, whatever the white space. */
const slowQuery = new RegExp(
  `document\\.querySelectorAll\\(\\[\\s*${starlightTocSelectors.map((selector) => `\`${escape(selector)}\``).join(',\\s*')},?\\s*\\]\\.join\\(\\)\\)`,
  'g',
);
const tocSectionsModule = fileURLToPath(new URL('./toc-sections.ts', import.meta.url));

/** Starlight's script with the query replaced; throws if it does not hold the query exactly once. */
export function withFastTocQuery(code: string): string {
  const matches = code.match(slowQuery) ?? [];
  if (matches.length !== 1) {
    throw new Error(
      `Starlight's table-of-contents script holds ${matches.length} copies of the query src/starlight/toc-sections.ts ` +
        'replaces, not 1: Starlight changed it. Check whether the new one is still slow on a long chapter ' +
        '(npm run bench), then update or remove src/starlight/toc-sections-plugin.ts.',
    );
  }
  return (
    `import { tocSections as __ellTocSections } from ${JSON.stringify(tocSectionsModule)};\n` +
    code.replace(slowQuery, '__ellTocSections(document, this.tocHeadingSelector)')
  );
}

export function fastTocQuery(): Plugin {
  return {
    name: 'event-loop-lab:fast-toc-query',
    transform(code, id) {
      if (!tocScript.test(id.split('?')[0]!)) return undefined;
      return { code: withFastTocQuery(code), map: null };
    },
  };
}

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { withFastTocQuery } from '../../src/starlight/toc-sections-plugin.ts';

// The installed Starlight's own script, so an upgrade that changes it fails here first.
const installed = readFileSync(
  new URL('../../node_modules/@astrojs/starlight/dist/components-internals/TableOfContents/starlight-toc.js', import.meta.url),
  'utf8',
);

describe("the patch for Starlight's table-of-contents query", () => {
  it('replaces the installed script’s query, and nothing else', () => {
    const patched = withFastTocQuery(installed);
    expect(installed).toContain(':has(');
    expect(patched).not.toContain(':has(');
    expect(patched).toContain('const toObserve = __ellTocSections(document, this.tocHeadingSelector);');
    expect(patched.startsWith('import { tocSections as __ellTocSections } from ')).toBe(true);
    // Outside the query, the script is untouched.
    const firstLineAfterImport = patched.indexOf('\n') + 1;
    const before = installed.slice(0, installed.indexOf('document.querySelectorAll(['));
    expect(patched.slice(firstLineAfterImport)).toContain(before);
    expect(patched.slice(firstLineAfterImport).endsWith(installed.slice(installed.indexOf('].join());') + '].join())'.length))).toBe(true);
  });

  it('stops the build when Starlight’s query changed', () => {
    const changed = installed.replace('`main > *:not(:has(${this.tocHeadingSelector}))`', '`main > section`');
    expect(changed).not.toBe(installed);
    expect(() => withFastTocQuery(changed)).toThrow(/holds 0 copies/);
    expect(() => withFastTocQuery(installed + installed)).toThrow(/holds 2 copies/);
  });
});

import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { t, toLocale, ui } from '../../src/i18n/ui.ts';

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('UI strings', () => {
  it.each(Object.entries(ui))('%s exists in both languages with the same placeholders', (_key, text) => {
    expect(text.en.trim()).not.toBe('');
    expect(text.ja.trim()).not.toBe('');
    expect(placeholders(text.ja)).toEqual(placeholders(text.en));
  });

  it('fills placeholders and leaves unknown ones visible', () => {
    expect(t('en', 'playground.step.starting', { process: 'Blocking' })).toBe('Starting Blocking…');
    expect(t('ja', 'playground.error.exited', { process: 'ブロッキング' })).toContain('{code}');
  });

  it('maps browser and Astro locales to ours', () => {
    expect(toLocale('ja-JP')).toBe('ja');
    expect(toLocale('en-GB')).toBe('en');
    expect(toLocale(undefined)).toBe('en');
  });

  // A string nothing shows is dead weight that still has to be kept in two languages. A key counts as used when
  // some source file names it (quoted in code, or as an Astro attribute value), or builds it from a template (`playground.error.${code}`) whose last part
  // appears quoted somewhere in the sources (the code in a union type, a key in a list).
  it('every string is used by the site', () => {
    // The Runtime contract (error codes, notices) lives in playgrounds/_shared, beside the orchestrator.
    const sources = ['src', 'playgrounds/_shared']
      .flatMap((dir) => readdirSync(dir, { recursive: true, withFileTypes: true }))
      .filter((entry) => entry.isFile() && /\.(ts|astro|mjs)$/.test(entry.name) && entry.name !== 'ui.ts')
      .map((entry) => readFileSync(join(entry.parentPath, entry.name), 'utf8'))
      .join('\n');
    const used = (key: string) => {
      if (sources.includes(`'${key}'`) || sources.includes(`="${key}"`)) return true;
      return key.split('.').some((_part, i, parts) => {
        const prefix = `${parts.slice(0, i + 1).join('.')}.`;
        const rest = parts.slice(i + 1).join('.');
        return rest !== '' && sources.includes(`\`${prefix}\${`) && sources.includes(`'${rest}'`);
      });
    };
    expect(Object.keys(ui).filter((key) => !used(key))).toEqual([]);
  });
});

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
});

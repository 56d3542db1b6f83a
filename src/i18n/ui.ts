// Every string of ours that a reader sees, in both languages, in one place. The type makes a key
// without one of the two languages a compile error, so no label or message exists in one language only.
// Starlight's own UI strings come translated with Starlight; content.config.ts hands these to its
// i18n collection too, so `Astro.locals.t()` knows them.

export const locales = ['en', 'ja'] as const;
export type Locale = (typeof locales)[number];
export const defaultLocale: Locale = 'en';

type Strings = Record<string, Record<Locale, string>>;

export const ui = {
  'site.tagline': {
    en: 'Run async/await, the event loop and blocking I/O on Node, right in your browser.',
    ja: 'async/await、イベントループ、ブロッキング I/O を、ブラウザーの中の Node で動かして学ぶサイトです。',
  },
  'root.title': { en: 'Event Loop Lab', ja: 'Event Loop Lab' },
  'root.greeting': { en: 'Welcome to Event Loop Lab', ja: 'Event Loop Lab へようこそ' },
  'root.enter': { en: 'Read in English', ja: '日本語で読む' },
  'root.chooseLanguage': { en: 'Choose a language', ja: '言語を選んでください' },
} as const satisfies Strings;

export type UiKey = keyof typeof ui;

export function t(locale: Locale, key: UiKey): string {
  return ui[key][locale];
}

/** Narrows any locale-ish value (Astro.currentLocale, a URL segment, navigator.language) to ours. */
export function toLocale(value: string | undefined | null): Locale {
  return value?.toLowerCase().startsWith('ja') ? 'ja' : defaultLocale;
}

/** All strings of one language, keyed as Starlight's i18n collection expects. */
export function stringsFor(locale: Locale): Record<UiKey, string> {
  return Object.fromEntries(Object.entries(ui).map(([key, text]) => [key, text[locale]])) as Record<UiKey, string>;
}

import { defineCollection } from 'astro:content';
import { glob } from 'astro/loaders';
import { docsSchema, i18nSchema } from '@astrojs/starlight/schema';
import { locales } from './i18n/ui.ts';

export const collections = {
  // Pages live in content/docs/<locale>/ at the top level (not src/content), one file per page and language.
  docs: defineCollection({
    loader: glob({ base: './content/docs', pattern: '**/[^_]*.{md,mdx}' }),
    schema: docsSchema(),
  }),
  // Starlight reads this collection for overrides of its own UI strings; we have none, and our strings stay in
  // src/i18n/ui.ts (nothing calls `Astro.locals.t()`). One empty entry per locale, because without the
  // collection, or with it empty, Astro 7.4 warns at every build (Starlight's attempt to mute that misses).
  i18n: defineCollection({
    loader: async () => locales.map((id) => ({ id })),
    schema: i18nSchema(),
  }),
};

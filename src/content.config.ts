import { defineCollection } from 'astro:content';
import { z } from 'astro/zod';
import { glob } from 'astro/loaders';
import { docsSchema, i18nSchema } from '@astrojs/starlight/schema';
import { locales, stringsFor, ui } from './i18n/ui.ts';

export const collections = {
  // Pages live in content/docs/<locale>/ at the top level (not src/content), one file per page and language.
  docs: defineCollection({
    loader: glob({ base: './content/docs', pattern: '**/[^_]*.{md,mdx}' }),
    schema: docsSchema({
      extend: z.object({
        // The playgrounds this page embeds, by id (playgrounds/<id>/). A test checks each is embedded.
        playgrounds: z.array(z.string()).default([]),
      }),
    }),
  }),
  // Our UI strings, from the single module that holds both languages.
  i18n: defineCollection({
    loader: async () => locales.map((locale) => ({ id: locale, ...stringsFor(locale) })),
    schema: i18nSchema({
      extend: z.object(Object.fromEntries(Object.keys(ui).map((key) => [key, z.string()]))).partial(),
    }),
  }),
};

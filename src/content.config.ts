import { defineCollection } from 'astro:content';
import { z } from 'astro/zod';
import { glob } from 'astro/loaders';
import { docsSchema } from '@astrojs/starlight/schema';

// Pages live in content/docs/<locale>/ at the top level (not src/content), one file per page and language.
export const collections = {
  docs: defineCollection({
    loader: glob({ base: './content/docs', pattern: '**/[^_]*.{md,mdx}' }),
    schema: docsSchema({
      extend: z.object({
        // The playgrounds this page embeds, by id (playgrounds/<id>/). A test checks each is embedded.
        playgrounds: z.array(z.string()).default([]),
      }),
    }),
  }),
};

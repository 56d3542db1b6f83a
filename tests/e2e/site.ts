import { readdirSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { locales, t, type Locale } from '../../src/i18n/ui.ts';

export { locales, t, type Locale };
export const distDir = 'dist';

export interface BuiltPage {
  locale: Locale;
  /** URL path, e.g. `/ja/event-loop/`. */
  path: string;
  /** Path inside the locale, e.g. `event-loop/` (empty for the locale's home). */
  slug: string;
}

/** Every page of the built site under a locale prefix, from the files `astro build` wrote. */
export function builtPages(): BuiltPage[] {
  const pages: BuiltPage[] = [];
  for (const locale of locales) {
    const dir = join(distDir, locale);
    for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
      if (!entry.isFile() || entry.name !== 'index.html') continue;
      const slug = relative(dir, entry.parentPath).split(sep).filter(Boolean).map((s) => `${s}/`).join('');
      pages.push({ locale, path: `/${locale}/${slug}`, slug });
    }
  }
  if (pages.length === 0) throw new Error(`No built pages under ${distDir}/: run \`npm run build\` first.`);
  return pages.sort((a, b) => a.path.localeCompare(b.path));
}

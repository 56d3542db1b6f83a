import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { builtPages, distDir, locales, t } from './site.ts';

// What search engines and link previews read: canonical URLs, hreflang alternates between each ja/en pair,
// Open Graph and Twitter card tags, the sitemap, and the 404 page in both languages.
function head(path: string): string {
  const html = readFileSync(join(distDir, path, 'index.html'), 'utf8');
  return html.slice(0, html.indexOf('</head>'));
}

function attribute(html: string, selector: RegExp, name: string): string | undefined {
  const tag = selector.exec(html)?.[0];
  return tag ? new RegExp(`\\s${name}="([^"]*)"`).exec(tag)?.[1] : undefined;
}

const meta = (html: string, key: string) => attribute(html, new RegExp(`<meta (?:property|name)="${key}"[^>]*>`), 'content');
const pages = builtPages();
const site = new URL(attribute(head('/en/'), /<link rel="canonical"[^>]*>/, 'href')!).origin;

for (const { locale, path, slug } of pages) {
  test(`${path} names its canonical URL, its counterparts and its share card`, () => {
    const html = head(path);
    const canonical = attribute(html, /<link rel="canonical"[^>]*>/, 'href');
    expect(canonical).toBe(`${site}${path}`);
    const alternates = Object.fromEntries(
      [...html.matchAll(/<link rel="alternate" hreflang="([^"]+)" href="([^"]+)"/g)].map((m) => [m[1], m[2]]),
    );
    expect(alternates).toEqual({ en: `${site}/en/${slug}`, ja: `${site}/ja/${slug}`, 'x-default': `${site}/en/${slug}` });
    for (const other of locales) expect(existsSync(join(distDir, other, slug, 'index.html'))).toBe(true);

    expect(meta(html, 'og:title')).toBeTruthy();
    expect(meta(html, 'og:description')).toBe(meta(html, 'description'));
    expect(meta(html, 'og:url')).toBe(canonical);
    expect(meta(html, 'og:locale')).toBe(locale);
    expect(meta(html, 'og:image')).toBe(`${site}/og.png`);
    expect(meta(html, 'twitter:card')).toBe('summary_large_image');
  });
}

test('the share card image exists at its stated size', () => {
  const png = readFileSync(join(distDir, 'og.png'));
  // PNG header: the IHDR chunk holds width and height as big-endian 32-bit numbers at bytes 16 and 20.
  expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([1200, 630]);
});

test('the sitemap lists every page, and nothing that is not one', async ({ request }) => {
  const index = await (await request.get('/sitemap-index.xml')).text();
  const maps = [...index.matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => new URL(m[1]!).pathname);
  expect(maps.length).toBeGreaterThan(0);
  const listed = new Set<string>();
  for (const map of maps) {
    const xml = await (await request.get(map)).text();
    for (const [, loc] of xml.matchAll(/<url><loc>([^<]+)<\/loc>/g)) listed.add(loc!);
  }
  expect([...listed].sort()).toEqual(pages.map(({ path }) => `${site}${path}`).sort());
});

for (const path of ['/no-such-page/', '/ja/no-such-page/', '/en/no-such-page/']) {
  test(`${path} answers 404 with a page in both languages`, async ({ page }) => {
    const response = await page.goto(path);
    expect(response?.status()).toBe(404);
    await expect(page.locator('h1')).toContainText(t('en', 'notFound.title'));
    await expect(page.locator('h1 [lang="ja"]')).toContainText(t('ja', 'notFound.title'));
    for (const locale of locales) {
      await expect(page.getByRole('link', { name: t(locale, 'notFound.home') })).toHaveAttribute('href', `/${locale}/`);
    }
    await expect(page.locator('meta[name="robots"]')).toHaveAttribute('content', 'noindex');
  });
}

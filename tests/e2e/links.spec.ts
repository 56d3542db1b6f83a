import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join, posix } from 'node:path';
import { expect, test } from '@playwright/test';
import { distDir } from './site.ts';

// Every internal link and fragment in the built site points at something the build produced.
// Read from dist/ rather than crawled, so pages no link leads to are checked too.
interface Link { from: string; href: string }

function htmlFiles(): string[] {
  return readdirSync(distDir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && e.name.endsWith('.html'))
    .map((e) => join(e.parentPath, e.name));
}

function urlPathOf(file: string): string {
  return '/' + posix.relative(distDir, file.split('\\').join('/')).replace(/index\.html$/, '');
}

function fileFor(urlPath: string): string | undefined {
  const clean = decodeURIComponent(urlPath);
  const candidates = clean.endsWith('/') ? [join(distDir, clean, 'index.html')] : [join(distDir, clean), join(distDir, clean, 'index.html')];
  return candidates.find((c) => existsSync(c));
}

function idsIn(html: string): Set<string> {
  return new Set([...html.matchAll(/\sid="([^"]+)"/g)].map((m) => decodeEntities(m[1] ?? '')));
}

function decodeEntities(text: string): string {
  return text.replace(/&amp;/g, '&').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>');
}

const files = htmlFiles();
// Canonical links, hreflang alternates and Open Graph URLs are absolute (they need the site's address, see
// src/site-url.ts); the ones on the site's own origin are internal links all the same.
const siteOrigin = canonicalOrigin(readFileSync(join(distDir, 'en', 'index.html'), 'utf8'));
const links: Link[] = files.flatMap((file) => {
  const html = readFileSync(file, 'utf8');
  const from = urlPathOf(file);
  const hrefs = [...html.matchAll(/<(?:a|link)\s[^>]*?href="([^"]*)"/g)].map((m) => m[1] ?? '');
  const metaUrls = [...html.matchAll(/<meta\s[^>]*?content="(https?:[^"]*)"/g)].map((m) => m[1] ?? '');
  return [...hrefs, ...metaUrls]
    .map((href) => decodeEntities(href))
    .map((href) => (href.startsWith(`${siteOrigin}/`) ? href.slice(siteOrigin.length) : href))
    .filter((href) => !/^[a-z][a-z0-9+.-]*:/i.test(href) && !href.startsWith('//'))
    .map((href) => ({ from, href }));
});

function canonicalOrigin(html: string): string {
  const href = /<link rel="canonical" href="([^"]+)"/.exec(html)?.[1];
  if (!href) throw new Error('dist/en/index.html has no canonical link: is `site` set in astro.config.mjs?');
  return new URL(href).origin;
}

test('the built site has internal links to check', () => {
  expect(files.length).toBeGreaterThan(2);
  expect(links.length).toBeGreaterThan(10);
});

test('every internal link and anchor resolves', () => {
  const cache = new Map<string, Set<string>>();
  const broken: string[] = [];
  for (const { from, href } of links) {
    const url = new URL(href, `http://site${from}`);
    const target = fileFor(url.pathname);
    if (!target) {
      broken.push(`${from} -> ${href} (no such page or file)`);
      continue;
    }
    const fragment = decodeURIComponent(url.hash.slice(1));
    // `#_top` is the HTML spec's "top of the document", which Starlight's table of contents links to.
    if (!fragment || fragment === '_top' || !target.endsWith('.html')) continue;
    let ids = cache.get(target);
    if (!ids) cache.set(target, (ids = idsIn(readFileSync(target, 'utf8'))));
    if (!ids.has(fragment)) broken.push(`${from} -> ${href} (no element with id "${fragment}")`);
  }
  expect(broken).toEqual([]);
});

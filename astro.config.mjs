// @ts-check
import { defineConfig } from 'astro/config';
import starlight from '@astrojs/starlight';
import mdx from '@astrojs/mdx';
import sitemap from '@astrojs/sitemap';
import { localRunner } from './src/runner/integration.ts';
import { siteHeaders } from './src/security/headers.ts';
import { contentSecurityPolicy } from './src/security/integration.ts';
import { siteUrl } from './src/site-url.ts';
import { fastTocQuery } from './src/starlight/toc-sections-plugin.ts';
import { chapters } from './src/chapters.ts';

const site = siteUrl(process.env);

// Cross-origin isolation is what lets a playground boot WebContainer (it needs SharedArrayBuffer).
// `server.headers` applies to both `astro dev` and `astro preview`; the deploy targets get the same
// headers from public/_headers and vercel.json (a unit test keeps all three in step).
export default defineConfig({
  // Canonical URLs, hreflang alternates, Open Graph URLs and the sitemap are absolute, so they need the address
  // the site is served from (src/site-url.ts says where it comes from).
  site,
  server: { headers: siteHeaders },
  // Starlight's table of contents finds its sections with a selector that costs tens of milliseconds on a long
  // page; this swaps in an equivalent that does not (src/starlight/toc-sections.ts).
  vite: { plugins: [fastTocQuery()] },
  integrations: [
    starlight({
      title: 'Event Loop Lab',
      description: 'Run async/await, the event loop and blocking I/O on Node, in your browser.',
      defaultLocale: 'en',
      locales: {
        en: { label: 'English', lang: 'en' },
        ja: { label: '日本語', lang: 'ja' },
      },
      customCss: ['./src/styles/site.css'],
      // Our own 404 page speaks both languages (src/pages/404.astro): a host serves one 404 file for every path.
      disable404Route: true,
      head: [
        // Remember the language last read in, so `/` can send the reader back to it.
        { tag: 'script', content: "try{localStorage.setItem('ell:locale',document.documentElement.lang)}catch{}" },
        // The card shown when a page is shared (Starlight sets the title, description, URL and locale).
        { tag: 'meta', attrs: { property: 'og:image', content: `${site}/og.png` } },
        { tag: 'meta', attrs: { property: 'og:image:width', content: '1200' } },
        { tag: 'meta', attrs: { property: 'og:image:height', content: '630' } },
        { tag: 'meta', attrs: { property: 'og:image:alt', content: 'Event Loop Lab' } },
      ],
      expressiveCode: {
        // One dark and one light theme; Starlight switches them with the site theme.
        themes: ['github-dark', 'github-light'],
        // Long lines wrap instead of scrolling: readable on a phone, and no scrollable block that
        // Expressive Code would turn into an unnamed region landmark (axe: landmark-unique).
        defaultProps: { wrap: true },
      },
      // The chapters in reading order, the same in both languages (src/chapters.ts says why a list).
      sidebar: [...chapters],
    }),
    // Listed after Starlight so Expressive Code runs before MDX, as Starlight requires.
    mdx(),
    // Starlight would add this itself; ours leaves out the root, which only sends readers on to /en/ or /ja/.
    // Each page's entry names its counterpart in the other language (hreflang), as Starlight's would.
    sitemap({
      filter: (page) => new URL(page).pathname !== new URL(`${site}/`).pathname,
      i18n: { defaultLocale: 'en', locales: { en: 'en', ja: 'ja' } },
    }),
    // `astro dev` only: a local runner for Run, on loopback with a fresh token (src/runner/README.md).
    localRunner(),
    // Last: it hashes the inline scripts of the finished pages.
    contentSecurityPolicy(),
  ],
});

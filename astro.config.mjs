// @ts-check
import { defineConfig } from 'astro/config';
import starlight from '@astrojs/starlight';
import mdx from '@astrojs/mdx';
import { isolationHeaders } from './src/isolation-headers.mjs';
import { localRunner } from './src/runner/integration.ts';

// Cross-origin isolation is what lets a playground boot WebContainer (it needs SharedArrayBuffer).
// `server.headers` applies to both `astro dev` and `astro preview`; the deploy targets get the same
// headers from public/_headers and vercel.json (a unit test keeps all three in step).
export default defineConfig({
  server: { headers: isolationHeaders },
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
      head: [
        // Remember the language last read in, so `/` can send the reader back to it.
        { tag: 'script', content: "try{localStorage.setItem('ell:locale',document.documentElement.lang)}catch{}" },
      ],
      expressiveCode: {
        // One dark and one light theme; Starlight switches them with the site theme.
        themes: ['github-dark', 'github-light'],
        // Long lines wrap instead of scrolling: readable on a phone, and no scrollable block that
        // Expressive Code would turn into an unnamed region landmark (axe: landmark-unique).
        defaultProps: { wrap: true },
      },
      // No `sidebar` option: Starlight lists every page of the locale, ordered by each page's `sidebar.order`.
    }),
    // Listed after Starlight so Expressive Code runs before MDX, as Starlight requires.
    mdx(),
    // `astro dev` only: a local runner for Run, on loopback with a fresh token (src/runner/README.md).
    localRunner(),
  ],
});

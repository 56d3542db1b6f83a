// The address the site is served from. Canonical links, hreflang alternates, Open Graph URLs and the sitemap
// are absolute, so a build must know it. SITE_URL wins; otherwise the address the host hands its build
// (Netlify's URL, Vercel's production domain, Cloudflare Pages' deployment URL); otherwise `astro dev`'s.
export function siteUrl(env: Readonly<Record<string, string | undefined>>): string {
  const vercel = env.VERCEL_PROJECT_PRODUCTION_URL && `https://${env.VERCEL_PROJECT_PRODUCTION_URL}`;
  const url = env.SITE_URL || env.URL || vercel || env.CF_PAGES_URL || 'http://localhost:4321';
  try {
    // Keep a path (a site served from a sub-folder), drop a trailing slash.
    return new URL(url).href.replace(/\/$/, '');
  } catch {
    throw new Error(`SITE_URL must be an absolute URL such as https://example.org; got "${url}"`);
  }
}

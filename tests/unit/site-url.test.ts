import { describe, expect, it } from 'vitest';
import { siteUrl } from '../../src/site-url.ts';

describe('siteUrl', () => {
  it('takes SITE_URL first, then what the host hands its build, then the dev server', () => {
    expect(siteUrl({ SITE_URL: 'https://lab.example/', URL: 'https://netlify.example' })).toBe('https://lab.example');
    expect(siteUrl({ URL: 'https://site.netlify.app' })).toBe('https://site.netlify.app');
    expect(siteUrl({ VERCEL_PROJECT_PRODUCTION_URL: 'lab.vercel.app' })).toBe('https://lab.vercel.app');
    expect(siteUrl({ CF_PAGES_URL: 'https://abc.lab.pages.dev' })).toBe('https://abc.lab.pages.dev');
    expect(siteUrl({})).toBe('http://localhost:4321');
  });

  it('keeps a sub-folder', () => {
    expect(siteUrl({ SITE_URL: 'https://example.github.io/event-loop-lab/' })).toBe('https://example.github.io/event-loop-lab');
  });

  it('says what is wrong with an address that is not absolute', () => {
    expect(() => siteUrl({ SITE_URL: 'lab.example' })).toThrow(/SITE_URL must be an absolute URL/);
  });
});

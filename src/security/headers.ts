// Every response header the site sets, from one place: `astro dev` and `astro preview` (astro.config.mjs), and
// the deploy configs (public/_headers, vercel.json), which tests/unit/deploy-headers.test.ts keeps equal to this.
import { isolationHeaders } from '../isolation-headers.mjs';
import { headerPolicy } from './content-security-policy.ts';

export const siteHeaders: Readonly<Record<string, string>> = {
  ...isolationHeaders,
  'Content-Security-Policy': headerPolicy,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'strict-origin-when-cross-origin',
};

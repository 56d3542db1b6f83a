// The one source of the cross-origin isolation headers. COEP `require-corp` rather than
// `credentialless`: Safari supports only `require-corp`, and the site loads no cross-origin
// resources, so the stricter mode costs nothing here (see README, "Cross-origin isolation").

/**
 * The page's COEP mode. WebContainer's `coep` boot option must be the same (it is fixed at the first boot), so
 * the adapter (src/playground/runtime/webcontainer.ts) boots with this value rather than a copy of it.
 * @type {'require-corp' | 'credentialless'}
 */
export const embedderPolicy = 'require-corp';

/** @type {Record<string, string>} */
export const isolationHeaders = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': embedderPolicy,
};

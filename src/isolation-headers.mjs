// The one source of the cross-origin isolation headers. COEP `require-corp` rather than
// `credentialless`: Safari supports only `require-corp`, and the site loads no cross-origin
// resources, so the stricter mode costs nothing here (see README, "Cross-origin isolation").
/** @type {Record<string, string>} */
export const isolationHeaders = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
};

// The oldest Node the project runs on. Plain JavaScript, because `npm install`'s last step checks it
// (scripts/check-install.mjs) on the Node npm scripts get, which is the machine's own, maybe 20, when the
// `node` package did not install.
// Astro 7.4 (and @astrojs/mdx 8.1) need 22.23.4; vitest needs 22.12; the scripts run .ts files, which Node
// strips by default from 22.18 and 23.6; Lighthouse needs 22.19.
export const nodeFloor = '^22.23.4 || >=23.6.0';

/**
 * @param {string} version as in process.versions.node
 * @returns {boolean}
 */
export function meetsNodeFloor(version) {
  const [major = 0, minor = 0, patch = 0] = version.split('.').map(Number);
  return major > 23 || (major === 23 && minor >= 6) || (major === 22 && (minor > 23 || (minor === 23 && patch >= 4)));
}

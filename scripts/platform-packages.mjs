// A package with native code lists one optional dependency per platform, and npm skips one without a word when
// the Node running npm is outside its `engines` (Node 22.11 skips Rolldown's and Astro's compiler's, which ask for
// ^20.19.0 || >=22.12.0) or when it cannot fetch it. The site then fails at `npm run dev` with "Cannot find
// native binding"; `npm install`'s last step (scripts/check-install.mjs) names them instead. Plain JavaScript,
// for the reason scripts/node-floor.mjs gives.

/**
 * @typedef {{ os?: string[], cpu?: string[], engines?: { node?: string }, optionalDependencies?: Record<string, string> }} LockEntry
 * @typedef {{ path: string, candidates: string[] }} Missing a package, and the ones for this machine it has none of
 */

/**
 * npm's rule for `os` and `cpu`: names allow, `!name` forbids, no list allows all.
 * @param {string[] | undefined} list
 * @param {string} value
 */
function allows(list, value) {
  if (!list) return true;
  if (list.includes(`!${value}`)) return false;
  const named = list.filter((item) => !item.startsWith('!'));
  return named.length === 0 || named.includes(value);
}

/**
 * Where Node finds `name` from the package at `from`: its own node_modules, then each one above.
 * @param {Record<string, LockEntry>} packages
 * @param {string} from
 * @param {string} name
 */
function resolve(packages, from, name) {
  for (let base = from; ; base = base.slice(0, Math.max(0, base.lastIndexOf('/node_modules/')))) {
    const path = `${base ? `${base}/` : ''}node_modules/${name}`;
    if (packages[path]) return path;
    if (!base) return undefined;
  }
}

/**
 * Installed packages with platform packages for this machine of which none is installed. Which of them the
 * machine needs (glibc or musl) the lockfile does not always say (npm 10 drops `libc`), so one of them is enough.
 * @param {Record<string, LockEntry>} packages the lockfile's `packages`
 * @param {{ platform: string, arch: string }} machine
 * @param {(path: string) => boolean} installed whether a lockfile path (node_modules/…) is in place
 * @returns {Missing[]}
 */
export function missingPlatformPackages(packages, machine, installed) {
  /** @type {Missing[]} */
  const missing = [];
  for (const [path, entry] of Object.entries(packages)) {
    if (!path || !entry.optionalDependencies || !installed(path)) continue;
    const candidates = Object.keys(entry.optionalDependencies)
      .map((name) => resolve(packages, path, name))
      .filter((dep) => dep !== undefined)
      .filter((dep) => {
        const { os, cpu } = /** @type {LockEntry} */ (packages[dep]);
        return Boolean(os || cpu) && allows(os, machine.platform) && allows(cpu, machine.arch);
      });
    if (candidates.length > 0 && !candidates.some(installed)) missing.push({ path, candidates });
  }
  return missing;
}

// `npm install`'s last step (postinstall): fail it, saying why, where the site would fail later without a word.
// - npm scripts run on node_modules/.bin/node, Node 24 from the optional `node` package, when npm could install
//   it; npm skips an optional package that fails without a word (no binary published for the platform, scripts
//   not allowed, no network), and the scripts then get the machine's own Node, maybe too old for Astro.
// - npm skips native packages whose engines the Node running npm does not meet (scripts/platform-packages.mjs).
// Plain JavaScript, for the reason scripts/node-floor.mjs gives.
import { existsSync, readFileSync } from 'node:fs';
import { meetsNodeFloor, nodeFloor } from './node-floor.mjs';
import { missingPlatformPackages } from './platform-packages.mjs';

const problems = [];
if (!meetsNodeFloor(process.versions.node)) {
  problems.push(
    `its npm scripts would run on Node ${process.version}, and it needs ${nodeFloor}: the optional "node" package ` +
      `(Node 24 for ${process.platform}-${process.arch}) did not install. ` +
      '`npm install --foreground-scripts` shows why; or install Node 24 yourself (.nvmrc).',
  );
}

const lock = JSON.parse(readFileSync('package-lock.json', 'utf8'));
const machine = { platform: process.platform, arch: process.arch };
const missing = missingPlatformPackages(lock.packages, machine, (path) => existsSync(`${path}/package.json`));
if (missing.length > 0) {
  const npmNode = /node\/(v[\d.]+)/.exec(process.env.npm_config_user_agent ?? '')?.[1] ?? 'a Node it does not name';
  const name = (/** @type {string} */ path) => path.replace(/^.*node_modules\//, '');
  const listed = missing.map(({ path, candidates }) => {
    const engines = [...new Set(candidates.map((dep) => lock.packages[dep].engines?.node ?? 'any Node'))].join('; ');
    return `${name(path)} has none of ${candidates.map(name).join(', ')} (engines: ${engines})`;
  });
  problems.push(
    `npm, on Node ${npmNode}, skipped the native packages for ${process.platform}-${process.arch}: ${listed.join('; ')}. ` +
      'Run `npm install` again with a Node that their engines admit first on PATH (package.json engines.node).',
  );
}

if (problems.length > 0) {
  for (const problem of problems) console.error(`event-loop-lab: ${problem}`);
  process.exit(1);
}

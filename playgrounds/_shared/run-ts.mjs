// Runs a TypeScript entry point (`node run-ts.mjs launch.ts`) with what this Node needs to understand it:
// nothing from Node 22.18 and 23.6 (types are stripped by default), a flag from 22.6, and below that `tsx`, the
// devDependency a fork installs. A StackBlitz fork also carries the JavaScript twins the page runs, in `js/`
// (src/playground/stackblitz.ts): whether StackBlitz's Node strips types is unknown, so where this Node does
// not strip them by itself, the fork runs the twins instead of relying on a flag or on tsx (whose loader failed
// there on Node 20). Plain JavaScript, so it starts on any Node. The launcher hands the same flags
// (process.execArgv) to every process it starts.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const args = process.argv.slice(2);
// Not './js/': that spelling reads as a reference to a neighbouring file (src/playground/local-references.ts).
const twins = new URL('js/', import.meta.url);

/** This Node runs TypeScript as is: it says so, and a line with a type annotation really runs. */
function stripsTypes() {
  if (!process.features.typescript) return false;
  const probe = spawnSync(process.execPath, ['--input-type=module-typescript', '--eval', 'const probe: number = 0'], { stdio: 'ignore' });
  return probe.status === 0;
}

function typeScriptFlags() {
  if (process.features.typescript) return [];
  const [major = 0, minor = 0] = process.versions.node.split('.').map(Number);
  return major > 22 || (major === 22 && minor >= 6) ? ['--experimental-strip-types'] : ['--import', 'tsx'];
}

let argv;
if (existsSync(twins) && !stripsTypes()) {
  console.error(
    `Node ${process.version} here does not strip TypeScript types, so this runs the JavaScript copies in js/ ` +
      '(the same files the site runs in the browser). Edit those to change what runs.',
  );
  argv = args.map((arg) => (arg.endsWith('.ts') ? `js/${arg.slice(0, -3)}.js` : arg));
} else {
  argv = [...typeScriptFlags(), ...args];
}

const child = spawn(process.execPath, argv, { stdio: 'inherit' });
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));

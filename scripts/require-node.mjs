// `npm install`'s last step (postinstall). npm scripts run on node_modules/.bin/node, Node 24 from the optional
// `node` package, when npm could install it; npm skips an optional package that fails without a word (a platform
// with no published binary, scripts not allowed, no network), and the scripts then get the machine's own Node.
// That one may be too old, and Astro's refusal at `npm run dev` would not say why: say it here instead.
import { meetsNodeFloor, nodeFloor } from './node-floor.mjs';

if (!meetsNodeFloor(process.versions.node)) {
  console.error(
    `event-loop-lab needs Node ${nodeFloor}, and its npm scripts would run on ${process.version}: the optional ` +
      `"node" package (Node 24 for ${process.platform}-${process.arch}) did not install. ` +
      '`npm install --foreground-scripts` shows why; or install Node 24 yourself (.nvmrc).',
  );
  process.exit(1);
}

// The one template of a playground's standalone package.json: the file a fork or a download starts with
// `npm start` (and fires its scenario with `npm run load`). Generated, so a new playground has none to copy and
// none can drift; the name comes from the folder, the load script from the manifest.
import type { Manifest } from './manifest.ts';

/** tsx runs the TypeScript where Node cannot strip types itself (playgrounds/_shared/run-ts.mjs). */
const TSX = '^4.23.0';

export function standalonePackage(id: string, manifest: Pick<Manifest, 'scenario'>): string {
  const scripts: Record<string, string> = { start: 'node run-ts.mjs launch.ts' };
  if (manifest.scenario) scripts.load = 'node run-ts.mjs load.ts';
  const pkg = {
    name: `event-loop-lab-${id}`,
    private: true,
    type: 'module',
    engines: { node: '>=22.12' },
    scripts,
    devDependencies: { tsx: TSX },
  };
  return `${JSON.stringify(pkg, null, 2)}\n`;
}

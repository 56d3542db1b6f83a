// A playground plus the reader's edits, as a StackBlitz project: the same flat file set the page runs, with the
// playground's standalone package.json (`npm start` runs `node run-ts.mjs launch.ts`), and beside it, in `js/`,
// the JavaScript twins WebContainer runs on the page. Whether StackBlitz's Node strips TypeScript types is
// unknown (shared/WEBCONTAINER.md §4), so run-ts.mjs runs the twins when it cannot. Pure; the page hands the
// result to @stackblitz/sdk's openProject.
import type { Project } from '@stackblitz/sdk';
import type { Locale } from '../i18n/ui.ts';
import type { Manifest } from './manifest.ts';
import type { FileMap } from './runtime/types.ts';

export interface ForkSource {
  id: string;
  manifest: Manifest;
  files: FileMap;
}

/** The folder of the JavaScript twins in a fork; playgrounds/_shared/run-ts.mjs looks for the same name. */
export const TWINS_FOLDER = 'js';

/**
 * The twins as a project of their own in TWINS_FOLDER: each `.js` twin, and playground.json. Inside them every
 * quoted name of one of the playground's TypeScript files names its twin instead: the manifest's commands
 * (`["node", "server.ts"]`) and the launcher's load client (`'load.ts'`) are data, not imports, so the build's
 * rename of local references leaves them as they were.
 */
function twinsFolder(javaScript: FileMap, typeScriptNames: ReadonlySet<string>): FileMap {
  const rename = (text: string) =>
    text.replace(/(['"])([\w.-]+)\.ts\1/g, (whole, quote: string, base: string) =>
      typeScriptNames.has(`${base}.ts`) ? `${quote}${base}.js${quote}` : whole,
    );
  const out: FileMap = {};
  for (const [name, contents] of Object.entries(javaScript)) {
    if (name.endsWith('.js') || name === 'playground.json') out[`${TWINS_FOLDER}/${name}`] = rename(contents);
  }
  return out;
}

/**
 * `javaScript` is the twin of every file with the edits applied; without it (an edit that does not parse has no
 * twin) the fork carries the TypeScript only.
 */
export function forkProject(source: ForkSource, edits: FileMap, locale: Locale, javaScript?: FileMap): Project {
  const files = { ...source.files, ...edits };
  const typeScriptNames = new Set(Object.keys(files).filter((name) => name.endsWith('.ts')));
  return {
    title: `Event Loop Lab: ${source.manifest.title[locale]}`,
    description: source.manifest.claim[locale],
    template: 'node',
    files: { ...files, ...(javaScript ? twinsFolder(javaScript, typeScriptNames) : {}) },
  };
}

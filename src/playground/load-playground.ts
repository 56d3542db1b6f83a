// Node-only: reads a playground folder into the one file set that everybody runs. The page mounts it into
// WebContainer, the local runner writes it to a temp folder, StackBlitz gets it as a fork, and the tests and the
// recorder run it from a temp folder too, so what is proven is exactly what the reader runs.
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { localReferences } from './local-references.ts';
import { parseManifest, type Manifest } from './manifest.ts';
import { parseReference, type Reference } from './reference.ts';
import { standalonePackage } from './standalone-package.ts';

export interface PlaygroundFile {
  /** Flat: every file sits next to playground.json. */
  path: string;
  contents: string;
  /** Shown but not editable: shared files, playground.json, package.json and those the manifest lists in `readOnly`. */
  readOnly: boolean;
}

export interface Playground {
  id: string;
  manifest: Manifest;
  /** The playground's own files (main first) and its generated package.json, then the shared ones. */
  files: PlaygroundFile[];
  /** The files from playgrounds/_shared it runs with, in the order `sharedClosure` finds them. */
  shared: string[];
}


const SHARED = '_shared';
// What makes a playground run rather than what it shows: its manifest (the load client reads the scenario from
// it) and its standalone package.json. Shown, never edited.
const ALWAYS_READ_ONLY = new Set(['playground.json', 'package.json']);
// Outputs and installs, not part of what a reader runs; package.json is generated (standalone-package.ts).
const NOT_MATERIALISED = new Set(['reference.json', 'node_modules', 'package-lock.json', 'package.json']);
// What `npm start` always runs (run-ts.mjs starts launch.ts), whatever the playground's own files import.
const START = ['launch.ts', 'run-ts.mjs'];
// The load client: `npm run load` and the launcher run it exactly when the manifest has a scenario. The launcher
// names it as data, not as an import, so the closure has to be told.
const LOAD = 'load.ts';

function playgroundsDir(root: string): string {
  return join(root, 'playgrounds');
}

export async function listPlaygroundIds(root = process.cwd()): Promise<string[]> {
  const entries = await readdir(playgroundsDir(root), { withFileTypes: true });
  const ids: string[] = [];
  for (const entry of entries) {
    if (!entry.isDirectory() || entry.name === SHARED) continue;
    const files = await readdir(join(playgroundsDir(root), entry.name));
    if (files.includes('playground.json')) ids.push(entry.name);
  }
  return ids.sort();
}

/** The shared helpers' file names, and each one's text: the site serves them for readers to open. */
export async function loadSharedFiles(root = process.cwd()): Promise<Array<{ path: string; contents: string }>> {
  const dir = join(playgroundsDir(root), SHARED);
  const names = (await readdir(dir, { withFileTypes: true })).filter((entry) => entry.isFile()).map((entry) => entry.name);
  return Promise.all(names.sort().map(async (path) => ({ path, contents: await readFile(join(dir, path), 'utf8') })));
}

export async function loadPlayground(id: string, root = process.cwd()): Promise<Playground> {
  const dir = join(playgroundsDir(root), id);
  const manifestFile = relative(root, join(dir, 'playground.json'));
  let json: unknown;
  try {
    json = JSON.parse(await readFile(join(dir, 'playground.json'), 'utf8'));
  } catch (error) {
    throw new Error(`${manifestFile}: ${error instanceof Error ? error.message : String(error)}`);
  }
  const manifest = parseManifest(json, manifestFile);
  const readOnly = new Set([...(manifest.readOnly ?? []), ...ALWAYS_READ_ONLY]);
  const problems: string[] = [];

  const ownNames = (await readdir(dir, { withFileTypes: true }))
    .filter((entry) => entry.isFile() && !NOT_MATERIALISED.has(entry.name))
    .map((entry) => entry.name)
    .sort((a, b) => Number(b === manifest.main) - Number(a === manifest.main) || a.localeCompare(b));
  const own = await Promise.all(
    ownNames.map(async (path) => ({ path, contents: await readFile(join(dir, path), 'utf8'), readOnly: readOnly.has(path) })),
  );
  const ranByOwnCode = [
    ...manifest.processes.map((spec) => spec.command[1] ?? ''),
    ...own.flatMap((file) => localReferences(file.contents)),
  ];
  const groups = [ranByOwnCode, manifest.scenario ? [LOAD] : [], ...START.map((name) => [name])];
  const shared = await sharedClosure(groups, ownNames, join(playgroundsDir(root), SHARED), problems);
  const pkg = { path: 'package.json', contents: standalonePackage(id, manifest), readOnly: true };
  const files = [...own, pkg, ...shared];

  const names = new Set(files.map((file) => file.path));
  for (const name of [manifest.main, ...readOnly, ...manifest.processes.map((spec) => spec.command[1] ?? '')]) {
    if (!names.has(name)) problems.push(`"${name}" is named in the manifest but is not one of its files`);
  }
  for (const file of files) {
    for (const target of localReferences(file.contents)) {
      if (!names.has(target)) problems.push(`${file.path} needs "${target}", which is neither its own file nor in playgrounds/${SHARED}`);
    }
  }
  if (problems.length > 0) throw new Error(problems.map((problem) => `${manifestFile}: ${problem}`).join('\n'));
  return { id, manifest, files, shared: shared.map((file) => file.path) };
}

/**
 * The shared files a playground runs with, found from what it runs: the files its processes start and those its
 * own files reference, then the load client (with a scenario), then what `npm start` runs, each group with what
 * it references in turn. Group by group and breadth first in the order the files name them, so the page lists
 * first what the playground's own code uses and last the plumbing that starts it. A reference found nowhere is
 * left for loadPlayground's check, which names the file that made it.
 */
async function sharedClosure(
  groups: ReadonlyArray<readonly string[]>,
  ownNames: readonly string[],
  sharedDir: string,
  problems: string[],
): Promise<PlaygroundFile[]> {
  const found: PlaygroundFile[] = [];
  const seen = new Set(ownNames);
  for (const group of groups) {
    const queue: string[] = [];
    const visit = (name: string) => {
      if (seen.has(name)) return;
      seen.add(name);
      queue.push(name);
    };
    group.forEach(visit);
    while (queue.length > 0) {
      const path = queue.shift()!;
      let contents: string;
      try {
        contents = await readFile(join(sharedDir, path), 'utf8');
      } catch {
        if (START.includes(path) || path === LOAD) problems.push(`"${path}" is not in playgrounds/${SHARED}`);
        continue;
      }
      found.push({ path, contents, readOnly: true });
      localReferences(contents).forEach(visit);
    }
  }
  return found;
}

/** Writes the playground's files into `dir`, the folder its processes then run in. */
export async function materialise(playground: Playground, dir: string): Promise<void> {
  await mkdir(dir, { recursive: true });
  await Promise.all(playground.files.map((file) => writeFile(join(dir, file.path), file.contents)));
}

/** The recorded run beside the playground, or null before the first `npm run record`. */
export async function loadReference(id: string, root = process.cwd()): Promise<Reference | null> {
  const file = join(playgroundsDir(root), id, 'reference.json');
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch {
    return null;
  }
  return parseReference(JSON.parse(text), relative(root, file));
}

// A StackBlitz fork, written out as StackBlitz gets it (forkProject) and started as StackBlitz starts it (`npm
// start`: `node run-ts.mjs launch.ts`), on a Node that strips types and on one that cannot: there the fork must
// run its JavaScript twins instead of failing. A Node that cannot strip types is this Node with stripping turned
// off for every process it starts (NODE_OPTIONS), so what runs is what a Node 20 or an early 22 would run.
import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { toJavaScript } from '../../src/playground/javascript.ts';
import { loadPlayground } from '../../src/playground/load-playground.ts';
import { forkProject } from '../../src/playground/stackblitz.ts';
import { stripTypes } from '../../src/playground/strip-types.ts';
import { npmStart } from './npm-start.ts';

const folders: string[] = [];
afterEach(async () => {
  await Promise.all(folders.splice(0).map((folder) => rm(folder, { recursive: true, force: true })));
});


/** The fork's files on disk, with the twins as the page makes them (the build's, edits stripped on top). */
async function writeFork(id: string, edits: Record<string, string> = {}): Promise<string> {
  const playground = await loadPlayground(id);
  const files = Object.fromEntries(playground.files.map((file) => [file.path, file.contents]));
  const javaScript = toJavaScript({ ...files, ...edits }, stripTypes);
  const project = forkProject({ id, manifest: playground.manifest, files }, edits, 'en', javaScript);
  const dir = await mkdtemp(join(tmpdir(), `event-loop-lab-fork-${id}-`));
  folders.push(dir);
  for (const [name, contents] of Object.entries(project.files)) {
    await mkdir(dirname(join(dir, name)), { recursive: true });
    await writeFile(join(dir, name), contents);
  }
  return dir;
}

// A Node with no type stripping at all, as StackBlitz ran until 2026: the machine's own Node, where it is that old.
const oldNode = ((): string | undefined => {
  try {
    const version = execFileSync('/usr/bin/node', ['--version'], { encoding: 'utf8' });
    return Number(/^v(\d+)/.exec(version)?.[1]) < 22 ? '/usr/bin/node' : undefined;
  } catch {
    return undefined;
  }
})();

// Type stripping off in every process it starts (a flag can still turn it on), as on a Node that cannot strip.
const NO_STRIPPING = { NODE_OPTIONS: '--no-experimental-strip-types' };

describe('a StackBlitz fork', () => {
  it('carries the twins beside the TypeScript, naming each other as JavaScript', async () => {
    const dir = await writeFork('blocking-the-loop');
    const manifest = JSON.parse(await readFile(join(dir, 'js', 'playground.json'), 'utf8')) as { processes: { command: string[] }[] };
    expect(manifest.processes.map((spec) => spec.command[1])).toEqual(['slow-api.js', 'server-blocking.js', 'server-offloaded.js', 'server-async.js']);
    // No twin names a TypeScript file as data either (the orchestrator's load client, 'load.ts', is one).
    const playground = await loadPlayground('blocking-the-loop');
    const typeScript = playground.files.map((file) => file.path).filter((name) => name.endsWith('.ts'));
    for (const name of typeScript) {
      const twin = await readFile(join(dir, 'js', name.replace(/\.ts$/, '.js')), 'utf8');
      for (const other of typeScript) expect(twin, `${name} names ${other}`).not.toMatch(new RegExp(`['"]${other.replace('.', '\\.')}['"]`));
    }
    // The TypeScript the reader sees first is untouched.
    expect(await readFile(join(dir, 'playground.json'), 'utf8')).toContain('"server-blocking.ts"');
  });

  it('on a Node that cannot strip types, runs the twins: servers, scenario and load client', async () => {
    const id = 'blocking-the-loop';
    const { code, output } = await npmStart(await writeFork(id), id, { env: NO_STRIPPING, stopWhen: 'Ctrl-C stops them' });
    expect(output).toContain('runs the JavaScript copies in js/');
    expect(output).toMatch(/\[load\] blocking: GET \/health median \d+ ms over 8 request\(s\)/);
    expect(output).not.toMatch(/ERR_UNKNOWN_FILE_EXTENSION|ERR_UNSUPPORTED_NODE_MODULES_TYPE_STRIPPING|SyntaxError/);
    expect(code).toBe(0);
  });

  it.skipIf(!oldNode)('on a Node without type stripping (Node 20, /usr/bin/node here), runs the twins rather than fail', async () => {
    const id = 'sequential-vs-concurrent';
    const { code, output } = await npmStart(await writeFork(id), id, { node: oldNode });
    expect(output).toContain('runs the JavaScript copies in js/');
    expect(output).toContain('[main] One after the other costs about 300 + 200 ms');
    expect(code).toBe(0);
  });

  it("runs the reader's edits in the twins too", async () => {
    const id = 'sequential-vs-concurrent';
    const playground = await loadPlayground(id);
    const main = playground.files.find((file) => file.path === playground.manifest.main)!;
    const edited = `${main.contents}\nconst marker: string = 'edited in the page';\nconsole.log(marker);\n`;
    const { code, output } = await npmStart(await writeFork(id, { [main.path]: edited }), id, { env: NO_STRIPPING });
    expect(output).toContain('runs the JavaScript copies in js/');
    expect(output).toContain('edited in the page');
    expect(code).toBe(0);
  });

  it('on a Node that strips types, runs the TypeScript as is', async () => {
    const id = 'sequential-vs-concurrent';
    const { code, output } = await npmStart(await writeFork(id), id);
    expect(output).not.toContain('JavaScript copies');
    expect(output).toContain('[main] One after the other costs about 300 + 200 ms');
    expect(code).toBe(0);
  });
});

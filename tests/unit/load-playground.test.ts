import { mkdtemp, mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { listPlaygroundIds, loadPlayground } from '../../src/playground/load-playground.ts';

const ids = await listPlaygroundIds();

describe('the playgrounds', () => {
  // No hand-kept list of ids: the pages' <Playground id> embeds are the register (tests/unit/content.test.ts checks
  // every id embedded has a folder and every folder is on a page). What could still vanish unnoticed is a folder that lost its
  // manifest, which listPlaygroundIds skips.
  it('are every folder under playgrounds/ but _shared, each with a playground.json', async () => {
    const folders = (await readdir('playgrounds', { withFileTypes: true }))
      .filter((entry) => entry.isDirectory() && entry.name !== '_shared')
      .map((entry) => entry.name);
    expect(ids.length).toBeGreaterThan(0);
    expect(folders.sort()).toEqual(ids);
  });

  it.each(ids)('%s materialises as its own files, main first, then its shared files; shared, manifest and package.json read-only', async (id) => {
    const { manifest, files, shared } = await loadPlayground(id);
    const paths = files.map((file) => file.path);
    expect(paths[0]).toBe(manifest.main);
    expect(paths).toContain('playground.json');
    expect(paths).toContain('package.json');
    expect(paths).not.toContain('reference.json');
    const readOnly = files.filter((file) => file.readOnly).map((file) => file.path);
    expect(readOnly.sort()).toEqual([...shared, 'package.json', 'playground.json', ...(manifest.readOnly ?? [])].sort());
    expect(paths.slice(-shared.length)).toEqual(shared);
  });

  it.each(ids)('%s runs with what npm start needs, and the load client exactly when there is a scenario', async (id) => {
    const { manifest, shared } = await loadPlayground(id);
    expect(shared).toEqual(expect.arrayContaining(['launch.ts', 'run.ts', 'node-runtime.ts', 'run-ts.mjs']));
    expect(shared.includes('load.ts')).toBe(manifest.scenario !== undefined);
    expect(shared.at(-1)).toBe('run-ts.mjs');
  });

  it.each(ids)('%s works on its own: package.json starts it with npm start (and fires it with npm run load)', async (id) => {
    const { manifest, files } = await loadPlayground(id);
    const pkg = JSON.parse(files.find((file) => file.path === 'package.json')!.contents);
    expect(pkg).toMatchObject({
      name: `event-loop-lab-${id}`,
      private: true,
      type: 'module',
      engines: { node: '>=22.12' },
      scripts: { start: 'node run-ts.mjs launch.ts' },
      devDependencies: { tsx: expect.stringMatching(/^\^4\./) },
    });
    expect(pkg.dependencies).toBeUndefined();
    expect(pkg.scripts.load).toBe(manifest.scenario ? 'node run-ts.mjs load.ts' : undefined);
  });

  it('are each merged with the shared files for the type check (tsconfig rootDirs)', async () => {
    const tsconfig = await readFile('tsconfig.json', 'utf8');
    for (const id of ['_shared', ...ids]) expect(tsconfig).toContain(`"./playgrounds/${id}"`);
  });
});

describe('loadPlayground', () => {
  const roots: string[] = [];
  afterAll(() => Promise.all(roots.map((root) => rm(root, { recursive: true, force: true }))));

  async function fakeRoot(manifest: unknown, own: Record<string, string>, shared: Record<string, string>) {
    const root = await mkdtemp(join(tmpdir(), 'event-loop-lab-unit-'));
    roots.push(root);
    await mkdir(join(root, 'playgrounds', '_shared'), { recursive: true });
    await mkdir(join(root, 'playgrounds', 'demo'));
    await writeFile(join(root, 'playgrounds', 'demo', 'playground.json'), JSON.stringify(manifest));
    for (const [name, text] of Object.entries(own)) await writeFile(join(root, 'playgrounds', 'demo', name), text);
    for (const [name, text] of Object.entries(shared)) await writeFile(join(root, 'playgrounds', '_shared', name), text);
    return root;
  }

  const manifest = {
    title: { en: 'Demo', ja: 'デモ' },
    claim: { en: 'It runs.', ja: '動きます。' },
    main: 'main.ts',
    processes: [{ id: 'main', label: { en: 'Main', ja: 'メイン' }, command: ['node', 'main.ts'] }],
  };
  // What npm start always brings along; launch.ts's own imports are left out to keep the fakes small.
  const start = { 'launch.ts': '', 'run-ts.mjs': '' };

  it('brings the shared files the own files import, transitively, then the load client, then what npm start runs', async () => {
    const root = await fakeRoot({ ...manifest, scenario: [{ path: '/x', count: 1 }], processes: [
      { id: 'api', label: { en: 'A', ja: 'A' }, command: ['node', 'api.ts'], port: 3100, role: 'upstream' },
      { id: 'main', label: { en: 'M', ja: 'M' }, command: ['node', 'main.ts'], port: 3101 },
    ] }, { 'main.ts': "import { log } from './trace.ts';" }, {
      ...start,
      'launch.ts': "import './run.ts';",
      'run.ts': '',
      'api.ts': "import './server.ts';",
      'server.ts': "import './trace.ts';",
      'trace.ts': "import { formatEvent } from './events.ts';",
      'events.ts': '',
      'load.ts': "import './events.ts'; import './scenario.ts';",
      'scenario.ts': '',
      'unused.ts': '',
    });
    const { shared, files } = await loadPlayground('demo', root);
    expect(shared).toEqual(['api.ts', 'trace.ts', 'server.ts', 'events.ts', 'load.ts', 'scenario.ts', 'launch.ts', 'run.ts', 'run-ts.mjs']);
    expect(JSON.parse(files.find((file) => file.path === 'package.json')!.contents).scripts.load).toBe('node run-ts.mjs load.ts');
  });

  it('leaves the load client out without a scenario', async () => {
    const root = await fakeRoot(manifest, { 'main.ts': '' }, { ...start, 'load.ts': '' });
    const { shared, files } = await loadPlayground('demo', root);
    expect(shared).toEqual(['launch.ts', 'run-ts.mjs']);
    expect(JSON.parse(files.find((file) => file.path === 'package.json')!.contents)).toMatchObject({ name: 'event-loop-lab-demo', scripts: { start: 'node run-ts.mjs launch.ts' } });
    expect(JSON.parse(files.find((file) => file.path === 'package.json')!.contents).scripts.load).toBeUndefined();
  });

  it('names the file and the import that is neither its own nor shared', async () => {
    const root = await fakeRoot(manifest, { 'main.ts': "import { log } from './trace.ts';" }, {
      ...start,
      'trace.ts': "import { formatEvent } from './events.ts';",
    });
    await expect(loadPlayground('demo', root)).rejects.toThrow(
      'playgrounds/demo/playground.json: trace.ts needs "events.ts", which is neither its own file nor in playgrounds/_shared',
    );
  });

  it('names what npm start needs when playgrounds/_shared lacks it', async () => {
    const root = await fakeRoot(manifest, { 'main.ts': '' }, { 'run-ts.mjs': '' });
    await expect(loadPlayground('demo', root)).rejects.toThrow('"launch.ts" is not in playgrounds/_shared');
  });

  it('fails on a bad manifest with the file and the field', async () => {
    const root = await fakeRoot({ ...manifest, main: 'other.ts' }, { 'main.ts': '' }, start);
    await expect(loadPlayground('demo', root)).rejects.toThrow('"other.ts" is named in the manifest but is not one of its files');
  });
});

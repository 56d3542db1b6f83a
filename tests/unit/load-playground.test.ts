import { mkdtemp, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { listPlaygroundIds, loadPlayground } from '../../src/playground/load-playground.ts';

const ids = await listPlaygroundIds();

describe('the playgrounds', () => {
  it('are the eight the site is built on', () => {
    expect(ids).toEqual([
      'async-iteration',
      'blocking-the-loop',
      'cluster-workers',
      'cpu-bound',
      'eager-promises',
      'sequential-vs-concurrent',
      'threadpool-limit',
      'timeouts-and-cancellation',
    ]);
  });

  it.each(ids)('%s materialises as its own files, main first, then its shared files; shared, manifest and package.json read-only', async (id) => {
    const { manifest, files } = await loadPlayground(id);
    const paths = files.map((file) => file.path);
    expect(paths[0]).toBe(manifest.main);
    expect(paths).toContain('playground.json');
    expect(paths).toContain('package.json');
    expect(paths).not.toContain('reference.json');
    const readOnly = files.filter((file) => file.readOnly).map((file) => file.path);
    expect(readOnly.sort()).toEqual([...manifest.shared, 'package.json', 'playground.json', ...(manifest.readOnly ?? [])].sort());
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
    shared: ['trace.ts'],
    processes: [{ id: 'main', label: { en: 'Main', ja: 'メイン' }, command: ['node', 'main.ts'] }],
  };

  it('names the playground and the missing file when a shared import is not listed', async () => {
    const root = await fakeRoot(manifest, { 'main.ts': "import { log } from './trace.ts';" }, {
      'trace.ts': "import { formatEvent } from './events.ts';",
    });
    await expect(loadPlayground('demo', root)).rejects.toThrow(
      'playgrounds/demo/playground.json: trace.ts needs "events.ts", which is neither its own file nor in shared',
    );
  });

  it('names a shared file that does not exist', async () => {
    const root = await fakeRoot({ ...manifest, shared: ['nope.ts'] }, { 'main.ts': '' }, {});
    await expect(loadPlayground('demo', root)).rejects.toThrow('shared: "nope.ts" is not in playgrounds/_shared');
  });

  it('fails on a bad manifest with the file and the field', async () => {
    const root = await fakeRoot({ ...manifest, main: 'other.ts' }, { 'main.ts': '' }, { 'trace.ts': '' });
    await expect(loadPlayground('demo', root)).rejects.toThrow('"other.ts" is named in the manifest but is not one of its files');
  });
});

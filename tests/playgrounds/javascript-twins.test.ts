// What WebContainer runs is not the TypeScript the tests prove but its plain-JavaScript twin (made at build
// time by the same stripper the page uses for edits). Every playground's twin must parse as JavaScript and name
// only files that exist in it.
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { toJavaScript } from '../../src/playground/javascript.ts';
import { listPlaygroundIds, loadPlayground } from '../../src/playground/load-playground.ts';
import { localReferences } from '../../src/playground/local-references.ts';
import { stripTypes } from '../../src/playground/strip-types.ts';

const run = promisify(execFile);
const ids = await listPlaygroundIds();
const dirs: string[] = [];
afterAll(async () => Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true }))));

describe.each(ids)('%s as JavaScript', (id) => {
  it('has a .js twin for every .ts file, each parses, and each local reference resolves', async () => {
    const playground = await loadPlayground(id);
    const js = toJavaScript(Object.fromEntries(playground.files.map((file) => [file.path, file.contents])), stripTypes);
    const names = Object.keys(js);
    expect(names.filter((name) => name.endsWith('.ts'))).toEqual([]);
    const dir = await mkdtemp(join(tmpdir(), `event-loop-lab-js-${id}-`));
    dirs.push(dir);
    await Promise.all(Object.entries(js).map(([name, contents]) => writeFile(join(dir, name), contents)));
    for (const name of names.filter((name) => name.endsWith('.js'))) {
      for (const reference of localReferences(js[name]!)) expect(names, `${name} -> ${reference}`).toContain(reference);
      await run(process.execPath, ['--check', join(dir, name)]);
    }
  });
});

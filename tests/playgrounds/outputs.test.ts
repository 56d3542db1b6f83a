// Outputs reproduced, not pasted: every ```ts block of the pages that is followed by an output block is run
// in real Node (the Node running the tests, Node 24) and what it printed is compared with the page, under the
// convention of scripts/outputs.ts. Blocks marked norun are listed with their reason, never skipped silently.
import { spawn } from 'node:child_process';
import { mkdtemp, open, readFile, readdir, realpath, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compareOutput, compareTranslation, findOutputPairs, normaliseRun, type OutputPair } from '../../scripts/outputs.ts';

const docs = 'content/docs';
const pages = (await readdir(join(docs, 'en'))).filter((name) => name.endsWith('.mdx')).sort();
const pairsOf = async (lang: string, page: string) => findOutputPairs(`${docs}/${lang}/${page}`, await readFile(join(docs, lang, page), 'utf8'));
const all = await Promise.all(pages.map(async (page) => ({ page, en: await pairsOf('en', page), ja: await pairsOf('ja', page) })));
const timeoutMs = 30_000;

/** Runs one snippet as a file in a fresh folder with no package.json, stdout and stderr in one stream, as a terminal shows them. */
async function run(pair: OutputPair): Promise<string> {
  const dir = await realpath(await mkdtemp(join(tmpdir(), 'event-loop-lab-output-')));
  try {
    await writeFile(join(dir, pair.fileName), pair.code);
    const log = await open(join(dir, 'output.log'), 'w');
    const env = { ...process.env };
    delete env.NODE_OPTIONS; // vitest's own loaders must not reach the reader's `node file.ts`
    delete env.UV_THREADPOOL_SIZE;
    const [command, args] = pair.cores === undefined
      ? [process.execPath, [pair.fileName]]
      : ['taskset', ['-c', Array.from({ length: pair.cores }, (_, cpu) => cpu).join(','), process.execPath, pair.fileName]];
    const code = await new Promise<number | null>((resolve, reject) => {
      const child = spawn(command, args, { cwd: dir, env, stdio: ['ignore', log.fd, log.fd] });
      const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
      child.on('error', reject);
      child.on('exit', (exitCode) => {
        clearTimeout(timer);
        resolve(exitCode);
      });
    });
    await log.close();
    if (code === null) throw new Error(`${pair.file}:${pair.codeLine}: killed after ${timeoutMs} ms`);
    return normaliseRun(await readFile(join(dir, 'output.log'), 'utf8'), dir);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

const notRun = all.flatMap(({ en, ja }) => [...en, ...ja]).filter((pair) => pair.norun !== undefined);
const toRun = all.flatMap(({ en, ja }) => [...en, ...ja]).filter((pair) => pair.norun === undefined);

it('lists the output blocks that are not run, each with its reason', () => {
  const report = notRun.map((pair) => `${pair.file}:${pair.outputLine}: ${pair.norun}`);
  console.log(`Output blocks: ${toRun.length} run, ${notRun.length} not run:\n${report.join('\n')}`);
  expect(toRun.length).toBeGreaterThan(0);
});

describe('both languages show the outputs of the same run', () => {
  it.each(all)('$page', ({ en, ja }) => {
    const declared = (pair: OutputPair) => [pair.vary, pair.cores, pair.norun !== undefined];
    expect(ja.map(declared)).toEqual(en.map(declared));
    en.forEach((pair, i) => {
      const twin = ja[i];
      if (twin) expect(compareTranslation(pair.expected, twin.expected), `${pair.file}:${pair.outputLine} and ${twin.file}:${twin.outputLine}`).toBeUndefined();
    });
  });
});

describe('each output block is what the snippet prints', () => {
  it.each(toRun.map((pair) => ({ ...pair, name: `${pair.file}:${pair.codeLine}` })))('$name', async (pair) => {
    const actual = await run(pair);
    expect(compareOutput(pair.expected, actual, pair.vary), `the run printed:\n${actual}`).toBeUndefined();
  });
});

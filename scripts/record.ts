// `npm run record [id…]`: runs every playground (or the ones named) in real Node, checks its claim, and writes
// playgrounds/<id>/reference.json, the run a page shows before the reader runs anything. A run whose claim does
// not hold is retried, then refused: a reference must show what the page says.
import { writeFile } from 'node:fs/promises';
import { arch, availableParallelism, cpus, platform, release } from 'node:os';
import { join } from 'node:path';
import { checkClaim } from '../src/playground/claims.ts';
import { listPlaygroundIds, loadPlayground } from '../src/playground/load-playground.ts';
import { REFERENCE_SCHEMA_VERSION, parseReference, type Reference } from '../src/playground/reference.ts';
import { runInNode } from '../src/playground/runtime/node.ts';

const ATTEMPTS = 3;

/** Pretty at the top, one event per line below: readable, and a re-recording diffs line by line. */
function formatReference({ events, ...about }: Reference): string {
  const head = JSON.stringify({ ...about, events: [] }, null, 2).replace(/\[\]\n\}$/, '');
  return `${head}[\n${events.map((event) => `    ${JSON.stringify(event)}`).join(',\n')}\n  ]\n}\n`;
}
const ids = process.argv.length > 2 ? process.argv.slice(2) : await listPlaygroundIds();
let failed = 0;

for (const id of ids) {
  const playground = await loadPlayground(id);
  for (let attempt = 1; attempt <= ATTEMPTS; attempt++) {
    const run = await runInNode(playground);
    const result = checkClaim(id, run.events, { cpus: availableParallelism() });
    const unclean = Object.entries(run.exits).filter(([, exit]) => exit.code !== 0);
    for (const check of result.checks) console.log(`${id}: ${check.pass ? 'ok  ' : 'FAIL'} ${check.expectation}: ${check.measured}`);
    for (const line of run.text) console.log(`${id}: [${line.proc}] ${line.text}`);
    for (const { proc, notice } of run.notices) console.log(`${id}: [${proc}] ${notice.code} ${JSON.stringify(notice.values)}`);
    if (result.holds && unclean.length === 0 && run.written.length === 0 && run.text.length === 0 && run.notices.length === 0) {
      const file = join('playgrounds', id, 'reference.json');
      const reference = parseReference(
        {
          schema: REFERENCE_SCHEMA_VERSION,
          playground: id,
          recordedAt: new Date().toISOString(),
          node: process.version,
          os: { platform: platform(), release: release(), arch: arch() },
          cpus: { count: availableParallelism(), model: cpus()[0]?.model.trim() ?? 'unknown' },
          events: run.events,
        },
        file,
      );
      await writeFile(file, formatReference(reference));
      console.log(`${id}: wrote ${file}`);
      break;
    }
    if (attempt === ATTEMPTS) {
      console.error(`${id}: the claim did not hold in ${ATTEMPTS} runs; reference.json left as it was`);
      failed++;
    }
  }
}
process.exitCode = failed > 0 ? 1 : 0;

// `npm start` for a playground on its own (a download, a StackBlitz fork): runs it as playground.json says, with
// the same orchestrator as the site (run.ts) on real Node (node-runtime.ts): servers first, then its scripts one
// after another, then fires the scenario once. Servers keep running for `npm run load` until Ctrl-C. Set
// PLAYGROUND_EVENTS=1 to get the raw event lines instead of sentences.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describeEvent, formatEvent, type TraceEvent } from './events.ts';
import { createNodeRuntime } from './node-runtime.ts';
import { runPlayground, type RunManifest } from './run.ts';
import type { ProcessNotice } from './runtime.ts';
import { portEnvName, processRole } from './scenario.ts';

const here = fileURLToPath(new URL('.', import.meta.url));
const manifest = JSON.parse(readFileSync(new URL('playground.json', import.meta.url), 'utf8')) as RunManifest;
const asEvents = process.env.PLAYGROUND_EVENTS === '1';
const prefix = manifest.processes.length > 1;
// A reader may move a port with `<ID>_PORT`; the load client reads the same variables.
const processes = manifest.processes.map((spec) =>
  spec.port === undefined ? spec : { ...spec, port: Number(process.env[portEnvName(spec.id)] ?? spec.port) },
);

function print(id: string, text: string | null): void {
  if (text === null || text === '') return;
  console.log(prefix && !asEvents ? `[${id}] ${text}` : text);
}

/** What the runtime said about a process, for a reader's terminal. */
function describeNotice(notice: ProcessNotice): string {
  switch (notice.code) {
    case 'start-failed':
      return `could not start: ${notice.values.detail}`;
    case 'time-limit':
      return `stopped: it ran longer than ${notice.values.seconds} s`;
    case 'output-limit':
      return `output past ${notice.values.bytes} bytes dropped`;
    case 'restarted':
      return `did not stop within ${notice.values.seconds} s of being asked, so it was killed`;
  }
}

const showEvent = (event: TraceEvent) => print(event.proc, asEvents ? formatEvent(event) : describeEvent(event));
const fires = processes.some((spec) => processRole(spec) === 'server') && (manifest.scenario ?? []).length > 0;

// Ctrl-C (or SIGTERM) ends the run: until then the servers stay up for `npm run load`. Handlers first: whoever
// reads the line printed below may answer with SIGTERM at once.
const stopped = new Promise<void>((resolve) => {
  process.once('SIGINT', () => resolve());
  process.once('SIGTERM', () => resolve());
});

try {
  await runPlayground(
    // The flags this launcher got (TypeScript support from run-ts.mjs) go to every process it starts; no time
    // limit, since the servers stay up until Ctrl-C.
    createNodeRuntime({ root: here, execArgv: process.execArgv, timeLimitMs: 0 }),
    {
      id: '.',
      manifest: { ...manifest, processes },
      argv: (spec) => [...spec.command],
      async hold() {
        if (!fires) return;
        console.log('Servers still running: `npm run load` fires the scenario again, Ctrl-C stops them.');
        await stopped;
      },
    },
    {
      step() {},
      event: showEvent,
      text: (id, text) => print(id, text),
      notice: (id, notice) => print(id, describeNotice(notice)),
    },
    new AbortController().signal,
  );
  process.exit(0);
} catch (error) {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
}

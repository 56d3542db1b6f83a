// `npm start` for a playground on its own (a download, a StackBlitz fork): starts its processes as playground.json
// says, servers first, then its scripts one after another, then fires the scenario once. Servers keep running for
// `npm run load` until Ctrl-C. Set PLAYGROUND_EVENTS=1 to get the raw event lines instead of sentences.
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createLineReader, describeEvent, formatEvent, parseEventLine, type OutputLine } from './events.ts';
import { portEnvName, processEnv, processRole, type ProcessSpec, type ScenarioEntry } from './scenario.ts';

interface LaunchManifest {
  processes: ProcessSpec[];
  scenario?: ScenarioEntry[];
}

const here = new URL('.', import.meta.url);
const manifest = JSON.parse(readFileSync(new URL('playground.json', here), 'utf8')) as LaunchManifest;
const asEvents = process.env.PLAYGROUND_EVENTS === '1';
const prefix = manifest.processes.length > 1;
const ports = new Map<string, number>();
for (const spec of manifest.processes) {
  if (spec.port !== undefined) ports.set(spec.id, Number(process.env[portEnvName(spec.id)] ?? spec.port));
}

function show(id: string, parsed: OutputLine): void {
  const text = parsed.kind === 'text' ? parsed.text : asEvents ? formatEvent(parsed.event) : describeEvent(parsed.event);
  if (text === null || (text === '' && parsed.kind === 'text')) return;
  console.log(prefix && !asEvents ? `[${id}] ${text}` : text);
}

/** Starts one process with the flags this launcher got (they carry TypeScript support) and resolves on `ready`. */
function start(spec: ProcessSpec): { child: ChildProcess; ready: Promise<void>; exited: Promise<number | null> } {
  // command[0] is "node": run the same Node as this launcher.
  const child = spawn(process.execPath, [...process.execArgv, ...spec.command.slice(1)], {
    cwd: here,
    env: { ...process.env, ...processEnv(spec, ports), PLAYGROUND_EVENTS: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let markReady: () => void = () => {};
  const ready = new Promise<void>((resolve) => (markReady = resolve));
  for (const stream of [child.stdout, child.stderr]) {
    const lines = createLineReader();
    stream?.setEncoding('utf8');
    stream?.on('data', (chunk: string) => {
      for (const line of lines.push(chunk)) {
        const parsed = parseEventLine(line);
        if (parsed.kind === 'event' && parsed.event.type === 'ready') markReady();
        show(spec.id, parsed);
      }
    });
    stream?.on('end', () => lines.flush().forEach((line) => show(spec.id, parseEventLine(line))));
  }
  // 'close', not 'exit': a process's last lines (the loop-delay window it flushes on SIGTERM) are still in its pipes
  // when it exits, and the launcher must print them before it exits itself.
  const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
  void exited.then(() => markReady());
  return { child, ready, exited };
}

const servers = manifest.processes.filter((spec) => processRole(spec) !== 'script').map(start);
await Promise.all(servers.map((server) => server.ready));
for (const spec of manifest.processes.filter((spec) => processRole(spec) === 'script')) {
  await start(spec).exited;
}
const fired = manifest.processes.some((spec) => processRole(spec) === 'server') && (manifest.scenario ?? []).length > 0;
if (fired) await start({ id: 'load', command: ['node', 'load.ts'] }).exited;

const stop = async () => {
  for (const server of servers) server.child.kill('SIGTERM');
  await Promise.all(servers.map((server) => server.exited));
  process.exit(0);
};
if (fired) {
  // Handlers first: whoever reads the line below may answer with SIGTERM at once, and a signal that arrives
  // before a handler exists kills the launcher without stopping the servers.
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  console.log('Servers still running: `npm run load` fires the scenario again, Ctrl-C stops them.');
} else {
  await stop();
}

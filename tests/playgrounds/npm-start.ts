// `npm start` of a playground copy on disk (a download, a StackBlitz fork), as a reader's terminal runs it:
// `node run-ts.mjs launch.ts`, each server on a free port, a reader's plain sentences rather than event lines.
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { loadPlayground } from '../../src/playground/load-playground.ts';
import { portEnvName } from '../../src/playground/scenario.ts';

export interface StartOptions {
  /** The Node to start it with (another version than the tests' own). */
  node?: string;
  /** Added to the environment. */
  env?: Record<string, string>;
  /** SIGTERM once the output contains this. */
  stopWhen?: string;
}

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

/** Runs `npm start`'s command in `dir`, a copy of playground `id`, to its end; its output, stdout and stderr merged. */
export async function npmStart(dir: string, id: string, { node = process.execPath, env = {}, stopWhen }: StartOptions = {}): Promise<{ code: number | null; output: string }> {
  const playground = await loadPlayground(id);
  const ports: Record<string, string> = {};
  for (const spec of playground.manifest.processes) {
    if (spec.port !== undefined) ports[portEnvName(spec.id)] = String(await freePort());
  }
  const { PLAYGROUND_EVENTS: _events, NODE_OPTIONS: _options, ...inherited } = process.env;
  const child = spawn(node, ['run-ts.mjs', 'launch.ts'], { cwd: dir, env: { ...inherited, ...ports, ...env } });
  let output = '';
  let stopped = false;
  const collect = (chunk: Buffer) => {
    output += chunk.toString();
    // Once: a second SIGTERM would meet no handler (the launcher stops on the first) and kill it mid-shutdown.
    if (stopWhen && !stopped && output.includes(stopWhen)) {
      stopped = true;
      child.kill('SIGTERM');
    }
  };
  child.stdout.on('data', collect);
  child.stderr.on('data', collect);
  const code = await new Promise<number | null>((resolve) => child.on('exit', (exitCode) => resolve(exitCode)));
  return { code, output };
}

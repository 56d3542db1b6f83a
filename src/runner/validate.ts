// Request bodies checked before anything touches the disk or starts a process. Names are matched against an
// allow-list rather than searched for bad parts: `../`, absolute paths, backslashes, NUL, drive letters and
// nested folders all fall outside it, and so does whatever trick nobody thought of yet.
import { HttpError } from './http.ts';
import type { RunnerLimits } from './limits.ts';

// Flat names only (a playground has no subfolders); not "." or ".."; not starting with "-", so a file name
// can never be read as a Node option.
const NAME = /^[A-Za-z0-9_.][A-Za-z0-9_.-]{0,99}$/;
const ENV_NAME = /^[A-Z_][A-Z0-9_]*$/;
// Node reads these before any code runs (--inspect, --require of arbitrary files). Refusing them is defence in
// depth, not a boundary: the code a playground runs can open the inspector itself (node:inspector), start
// another node with any options, or read any file the reader can; nothing here sandboxes it (README.md).
const REFUSED_ENV = new Set(['NODE_OPTIONS']);
const MAX_ARGS = 32;
const MAX_ARG_LENGTH = 1024;
const MAX_ENV = 64;
const MAX_ENV_VALUE = 4096;

export function checkName(name: string, what: 'file' | 'folder'): string {
  if (!NAME.test(name) || name === '.' || name === '..') {
    throw new HttpError(400, 'bad-name', `${JSON.stringify(name)} is not a valid ${what} name (letters, digits, "_", ".", "-"; no folders)`);
  }
  return name;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function body(value: unknown): Record<string, unknown> {
  if (!isRecord(value)) throw new HttpError(400, 'bad-request', 'the body must be a JSON object');
  return value;
}

/** `{ files: { name: text } }` for a mount. */
export function parseMount(value: unknown, limits: RunnerLimits): Map<string, string> {
  const { files } = body(value);
  if (!isRecord(files)) throw new HttpError(400, 'bad-request', '"files" must be an object of file name to text');
  const entries = Object.entries(files);
  if (entries.length > limits.filesPerFolder) {
    throw new HttpError(413, 'too-many-files', `a folder holds at most ${limits.filesPerFolder} files`);
  }
  return new Map(
    entries.map(([name, text]) => {
      if (typeof text !== 'string') throw new HttpError(400, 'bad-request', `the content of ${name} must be a string`);
      return [checkName(name, 'file'), text];
    }),
  );
}

export interface SpawnRequest {
  folder: string;
  /** The script, a file in the folder. */
  script: string;
  /** What follows the script on the command line. */
  args: string[];
  env: Record<string, string>;
}

/** `{ folder, argv: ['node', 'file.ts', ...args], env }`: only Node, only a file of the folder. */
export function parseSpawn(value: unknown): SpawnRequest {
  const { folder, argv, env = {} } = body(value);
  if (typeof folder !== 'string') throw new HttpError(400, 'bad-request', '"folder" must be a string');
  if (!Array.isArray(argv) || !argv.every((arg): arg is string => typeof arg === 'string')) {
    throw new HttpError(400, 'bad-request', '"argv" must be an array of strings');
  }
  const [command, script, ...args] = argv;
  if (command !== 'node') throw new HttpError(400, 'bad-command', 'only "node" can be run');
  if (script === undefined) throw new HttpError(400, 'bad-command', 'argv[1] must name the file to run');
  if (argv.length > MAX_ARGS || args.some((arg) => arg.length > MAX_ARG_LENGTH || arg.includes('\0'))) {
    throw new HttpError(400, 'bad-command', `at most ${MAX_ARGS} arguments of ${MAX_ARG_LENGTH} characters, no NUL`);
  }
  return { folder: checkName(folder, 'folder'), script: checkName(script, 'file'), args, env: parseEnv(env) };
}

function parseEnv(value: unknown): Record<string, string> {
  if (!isRecord(value)) throw new HttpError(400, 'bad-env', '"env" must be an object of name to string');
  const entries = Object.entries(value);
  if (entries.length > MAX_ENV) throw new HttpError(400, 'bad-env', `at most ${MAX_ENV} environment variables`);
  for (const [name, text] of entries) {
    if (!ENV_NAME.test(name)) throw new HttpError(400, 'bad-env', `${JSON.stringify(name)} is not a valid variable name`);
    if (REFUSED_ENV.has(name)) throw new HttpError(400, 'env-refused', `${name} cannot be set from a page`);
    if (typeof text !== 'string' || text.length > MAX_ENV_VALUE || text.includes('\0')) {
      throw new HttpError(400, 'bad-env', `${name} must be a string of at most ${MAX_ENV_VALUE} characters, no NUL`);
    }
  }
  return Object.fromEntries(entries) as Record<string, string>;
}

/** `{ count }` for ports. */
export function parsePortCount(value: unknown, limits: RunnerLimits): number {
  const { count } = body(value);
  if (typeof count !== 'number' || !Number.isInteger(count) || count < 0 || count > limits.portsPerRequest) {
    throw new HttpError(400, 'bad-request', `"count" must be an integer from 0 to ${limits.portsPerRequest}`);
  }
  return count;
}

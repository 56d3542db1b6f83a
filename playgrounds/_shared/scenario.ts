// Pure rules shared by everything that starts or fires at a playground: which processes are what, which
// environment variables carry ports, and when each request of a scenario is due. No `node:` imports: the page uses
// this too.

export interface ScenarioEntry {
  path: string;
  method?: string;
  count: number;
  /** When the first of these requests is due, from the start of a target's run. */
  startMs?: number;
  /** Gap between consecutive requests of this entry; 0 fires them all at once. */
  everyMs?: number;
}

export interface PlannedRequest {
  /** Position in the plan; the same request has the same id on every target. */
  id: number;
  method: string;
  path: string;
  offsetMs: number;
}

/**
 * - `server`: fired at by the scenario.
 * - `upstream`: a server the playground's own code calls (a slow API); started first, never fired at.
 * - `script`: runs to completion once the servers are ready; its output is the result.
 */
export type ProcessRole = 'server' | 'upstream' | 'script';

/** The part of a manifest process that starting and firing need. */
export interface ProcessSpec {
  id: string;
  command: string[];
  port?: number;
  role?: ProcessRole;
  env?: Record<string, string>;
}

export function processRole(process: ProcessSpec): ProcessRole {
  return process.role ?? (process.port === undefined ? 'script' : 'server');
}

/**
 * The variable that tells every process where process `id` listens (`slow-api` -> `SLOW_API_PORT`). Whoever starts
 * a playground may move a port (tests pick free ones), so code reads ports from here, never from the manifest.
 */
export function portEnvName(id: string): string {
  return `${id.toUpperCase().replace(/[^A-Z0-9]+/g, '_')}_PORT`;
}

/**
 * The environment each process gets on top of the caller's: its own `PORT`, every server's `<ID>_PORT`, its
 * manifest `env`, and `PLAYGROUND_PROCESS` so its events name it.
 */
export function processEnv(
  process: ProcessSpec,
  ports: ReadonlyMap<string, number>,
): Record<string, string> {
  const env: Record<string, string> = { PLAYGROUND_PROCESS: process.id };
  for (const [id, port] of ports) env[portEnvName(id)] = String(port);
  const own = ports.get(process.id);
  if (own !== undefined) env.PORT = String(own);
  return { ...env, ...process.env };
}

/** Expands a scenario into requests ordered by when they are due (ties keep the scenario's order). */
export function planScenario(scenario: readonly ScenarioEntry[]): PlannedRequest[] {
  const planned: Omit<PlannedRequest, 'id'>[] = [];
  for (const entry of scenario) {
    for (let i = 0; i < entry.count; i++) {
      planned.push({
        method: entry.method ?? 'GET',
        path: entry.path,
        offsetMs: (entry.startMs ?? 0) + i * (entry.everyMs ?? 0),
      });
    }
  }
  return planned
    .map((request, order) => ({ request, order }))
    .sort((a, b) => a.request.offsetMs - b.request.offsetMs || a.order - b.order)
    .map(({ request }, id) => ({ id, ...request }));
}

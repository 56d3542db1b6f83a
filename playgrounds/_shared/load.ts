// The load client: fires this playground's scenario (playground.json) at each of its servers, the same requests at
// the same offsets, and reports every request with its scheduled time, start, first byte and end on the shared
// clock. The servers' own events land on the same clock, so a timeline can put both on one axis.
//
// Servers are found at <ID>_PORT when set (whoever started them may have moved them), else at the manifest's port.
import { readFileSync } from 'node:fs';
import { request } from 'node:http';
import {
  planScenario,
  portEnvName,
  processRole,
  type PlannedRequest,
  type ProcessSpec,
  type ScenarioEntry,
} from './scenario.ts';
import { emit, log, now } from './trace.ts';
import { median, requestLatencyMs, type RequestEvent } from './events.ts';

interface LoadManifest {
  processes: ProcessSpec[];
  scenario?: ScenarioEntry[];
  /** `in-turn` fires at one server after another, so CPU-hungry servers do not compete for the same cores. */
  fire?: 'together' | 'in-turn';
}

// Timers need a moment to be armed before the first request is due; without it request 0 would start late.
const LEAD_MS = 100;
// Between servers fired in turn, long enough for the previous one's worker threads to go quiet.
const GAP_MS = 300;
// A server that never answers must not hang the run.
const REQUEST_TIMEOUT_MS = 30_000;

type Outcome = Omit<RequestEvent, 'v' | 't' | 'proc' | 'part' | 'type'>;

function fire(target: string, port: number, planned: PlannedRequest, runStart: number): Promise<Outcome> {
  const scheduled = runStart + planned.offsetMs;
  return new Promise((resolve) => {
    setTimeout(() => {
      const start = now();
      let firstByte: number | null = null;
      const finish = (status: number | null, servedBy: string | undefined, error?: string) =>
        resolve({
          target,
          id: planned.id,
          method: planned.method,
          path: planned.path,
          offsetMs: planned.offsetMs,
          scheduled,
          start,
          firstByte,
          end: now(),
          status,
          ...(servedBy ? { servedBy } : {}),
          ...(error ? { error } : {}),
        });
      // A fresh connection per request, as separate users would make: no request queues behind another's socket.
      const req = request({ host: '127.0.0.1', port, method: planned.method, path: planned.path, agent: false }, (res) => {
        firstByte = now();
        res.resume();
        res.on('end', () => finish(res.statusCode ?? null, res.headers['x-served-by']?.toString()));
        res.on('error', (error) => finish(res.statusCode ?? null, undefined, error.message));
      });
      req.setTimeout(REQUEST_TIMEOUT_MS, () => req.destroy(new Error('timed out')));
      req.on('error', (error) => finish(null, undefined, error.message));
      req.end();
    }, Math.max(0, scheduled - now()));
  });
}

async function fireScenario(target: string, port: number, plan: PlannedRequest[], runStart: number): Promise<Outcome[]> {
  const outcomes = await Promise.all(
    plan.map((planned) =>
      fire(target, port, planned, runStart).then((outcome) => {
        emit({ type: 'request', ...outcome });
        return outcome;
      }),
    ),
  );
  summarise(target, outcomes);
  return outcomes;
}

function summarise(target: string, outcomes: Outcome[]): void {
  const byRoute = new Map<string, Outcome[]>();
  for (const outcome of outcomes) {
    const route = `${outcome.method} ${outcome.path}`;
    byRoute.set(route, [...(byRoute.get(route) ?? []), outcome]);
  }
  for (const [route, group] of byRoute) {
    const typical = median(group.map(requestLatencyMs));
    log(`${target}: ${route} median ${Math.round(typical)} ms over ${group.length} request(s)`);
  }
}

const manifest = JSON.parse(readFileSync(new URL('./playground.json', import.meta.url), 'utf8')) as LoadManifest;
const plan = planScenario(manifest.scenario ?? []);
const targets = manifest.processes
  .filter((spec) => processRole(spec) === 'server')
  .map((spec) => ({ id: spec.id, port: Number(process.env[portEnvName(spec.id)] ?? spec.port) }));

if (plan.length === 0 || targets.length === 0) {
  log('This playground has no scenario to fire: its scripts print the result (npm start).');
} else if (manifest.fire === 'in-turn') {
  for (const target of targets) {
    await fireScenario(target.id, target.port, plan, now() + LEAD_MS);
    await new Promise((resolve) => setTimeout(resolve, GAP_MS));
  }
} else {
  const runStart = now() + LEAD_MS;
  await Promise.all(targets.map((target) => fireScenario(target.id, target.port, plan, runStart)));
}
emit({ type: 'done', requests: plan.length * targets.length });

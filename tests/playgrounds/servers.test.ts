// Every server of every playground: bad input gets a JSON answer, SIGTERM a clean exit, and nothing is written.
// The run goes through the page's orchestrator; the checks happen while it holds the servers up at the end.
import { describe, expect, it } from 'vitest';
import { listPlaygroundIds, loadPlayground } from '../../src/playground/load-playground.ts';
import { runInNode } from '../../src/playground/runtime/node.ts';
import { processRole } from '../../src/playground/scenario.ts';

const withServers = [];
for (const id of await listPlaygroundIds()) {
  const playground = await loadPlayground(id);
  if (playground.manifest.processes.some((spec) => processRole(spec) !== 'script')) withServers.push(playground);
}

async function answer(port: number, path: string, method = 'GET') {
  const response = await fetch(`http://127.0.0.1:${port}${path}`, { method });
  return { status: response.status, type: response.headers.get('content-type'), allow: response.headers.get('allow'), body: await response.json() };
}

describe.each(withServers)('$id servers', (playground) => {
  it('answer an unknown route with 404 and a wrong method with 405, in JSON, and exit cleanly on SIGTERM', async () => {
    let checked: string[] = [];
    const run = await runInNode(playground, {
      async hold(ports) {
        checked = [...ports.keys()];
        for (const [id, port] of ports) {
          expect({ id, ...(await answer(port, '/no-such-route')) }).toMatchObject({
            id,
            status: 404,
            type: 'application/json',
            body: { error: 'not found', path: '/no-such-route' },
          });
          expect({ id, ...(await answer(port, '/health', 'DELETE')) }).toMatchObject({
            id,
            status: 405,
            type: 'application/json',
            allow: 'GET',
            body: { error: 'method not allowed', method: 'DELETE' },
          });
        }
      },
    });
    expect(checked.length).toBeGreaterThan(0);
    for (const id of checked) expect({ id, ...run.exits[id] }).toEqual({ id, code: 0, signal: null });
    expect(run.written).toEqual([]);
  });
});

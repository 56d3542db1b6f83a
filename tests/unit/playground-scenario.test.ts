import { describe, expect, it } from 'vitest';
import { planScenario, portEnvName, processEnv, processRole } from '../../src/playground/scenario.ts';

describe('planScenario', () => {
  it('expands entries into requests ordered by offset, ties in scenario order, ids in that order', () => {
    const plan = planScenario([
      { path: '/slow', count: 1 },
      { path: '/health', count: 3, startMs: 100, everyMs: 100 },
      { path: '/work', method: 'POST', count: 2, startMs: 200 },
    ]);
    expect(plan).toEqual([
      { id: 0, method: 'GET', path: '/slow', offsetMs: 0 },
      { id: 1, method: 'GET', path: '/health', offsetMs: 100 },
      { id: 2, method: 'GET', path: '/health', offsetMs: 200 },
      { id: 3, method: 'POST', path: '/work', offsetMs: 200 },
      { id: 4, method: 'POST', path: '/work', offsetMs: 200 },
      { id: 5, method: 'GET', path: '/health', offsetMs: 300 },
    ]);
  });

  it('plans nothing for no scenario', () => {
    expect(planScenario([])).toEqual([]);
  });
});

describe('processes', () => {
  it('tells servers, upstreams and scripts apart', () => {
    expect(processRole({ id: 'a', command: ['node', 'a.ts'], port: 3000 })).toBe('server');
    expect(processRole({ id: 'a', command: ['node', 'a.ts'], port: 3000, role: 'upstream' })).toBe('upstream');
    expect(processRole({ id: 'a', command: ['node', 'a.ts'] })).toBe('script');
  });

  it('names port variables after process ids', () => {
    expect(portEnvName('slow-api')).toBe('SLOW_API_PORT');
    expect(portEnvName('pool-4')).toBe('POOL_4_PORT');
  });

  it("gives each process its own PORT, every server's port, and its manifest env on top", () => {
    const ports = new Map([['slow-api', 4100], ['blocking', 4101]]);
    expect(processEnv({ id: 'blocking', command: ['node', 'b.ts'], port: 3301, env: { HANDLER: 'x' } }, ports)).toEqual({
      PLAYGROUND_PROCESS: 'blocking',
      SLOW_API_PORT: '4100',
      BLOCKING_PORT: '4101',
      PORT: '4101',
      HANDLER: 'x',
    });
    expect(processEnv({ id: 'main', command: ['node', 'main.ts'] }, ports)).not.toHaveProperty('PORT');
  });
});

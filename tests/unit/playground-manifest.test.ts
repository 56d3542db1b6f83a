import { describe, expect, it } from 'vitest';
import { parseManifest, type Manifest } from '../../src/playground/manifest.ts';

const valid: Manifest = {
  title: { en: 'T', ja: 'タイトル' },
  claim: { en: 'C', ja: '主張です。' },
  main: 'server.ts',
  processes: [
    { id: 'api', label: { en: 'API', ja: 'API' }, command: ['node', 'api.ts'], port: 3100, role: 'upstream' },
    { id: 'server', label: { en: 'S', ja: 'サーバー' }, command: ['node', 'server.ts'], port: 3101 },
  ],
  scenario: [{ path: '/health', count: 2, everyMs: 10 }],
};

function problems(change: (manifest: Record<string, unknown>) => void): string[] {
  const manifest = structuredClone(valid) as unknown as Record<string, unknown>;
  change(manifest);
  try {
    parseManifest(manifest, 'playgrounds/x/playground.json');
  } catch (error) {
    return (error as Error).message.split('\n');
  }
  return [];
}

const processes = (manifest: Record<string, unknown>) => manifest.processes as Array<Record<string, unknown>>;

describe('parseManifest', () => {
  it('accepts a valid manifest and returns it typed', () => {
    expect(parseManifest(valid, 'playgrounds/x/playground.json')).toEqual(valid);
  });

  it.each([
    ['a missing Japanese claim', (m: Record<string, unknown>) => delete (m.claim as Record<string, unknown>).ja, 'claim.ja'],
    ['an unknown field', (m: Record<string, unknown>) => (m.colour = 'red'), '(root)'],
    ['a command that is not node', (m: Record<string, unknown>) => (processes(m)[1]!.command = ['deno', 'server.ts']), 'processes[1].command'],
    ['a file in a folder', (m: Record<string, unknown>) => (m.main = 'src/server.ts'), 'main'],
    ['a duplicate process id', (m: Record<string, unknown>) => (processes(m)[1]!.id = 'api'), 'processes[1].id'],
    ['a duplicate port', (m: Record<string, unknown>) => (processes(m)[1]!.port = 3100), 'processes[1].port'],
    ['a server without a port', (m: Record<string, unknown>) => (processes(m)[1]!.role = 'server', delete processes(m)[1]!.port), 'processes[1].port'],
    ['a script with a port', (m: Record<string, unknown>) => (processes(m)[1]!.role = 'script'), 'processes[1].port'],
    ['a scenario with no server to fire at', (m: Record<string, unknown>) => (processes(m)[1]!.role = 'upstream'), 'scenario'],
    ['a shared list, which is derived from the imports now', (m: Record<string, unknown>) => (m.shared = ['trace.ts']), '(root)'],
    ['a scenario path without a slash', (m: Record<string, unknown>) => ((m.scenario as Array<Record<string, unknown>>)[0]!.path = 'health'), 'scenario[0].path'],
    ['webcontainer runs:false without why', (m: Record<string, unknown>) => (m.webcontainer = { runs: false, note: { en: 'a', ja: 'b' } }), 'webcontainer'],
  ])('rejects %s, naming the file and the field', (_case, change, field) => {
    const found = problems(change);
    expect(found.length).toBeGreaterThan(0);
    expect(found.some((line) => line.startsWith(`playgrounds/x/playground.json: ${field}`))).toBe(true);
  });
});

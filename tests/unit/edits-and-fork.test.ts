import { describe, expect, it } from 'vitest';
import { clearEdits, loadEdits, saveEdits } from '../../src/playground/edits.ts';
import { forkProject } from '../../src/playground/stackblitz.ts';
import type { Manifest } from '../../src/playground/manifest.ts';

function memoryStore() {
  const data = new Map<string, string>();
  return {
    data,
    getItem: (k: string) => data.get(k) ?? null,
    setItem: (k: string, v: string) => void data.set(k, v),
    removeItem: (k: string) => void data.delete(k),
  };
}

const playground = {
  id: 'demo',
  originals: { 'server.ts': 'original', 'load.ts': 'shared' },
  readOnly: new Set(['load.ts']),
};

describe('edits', () => {
  it('saves only real edits of editable files and restores them', () => {
    const store = memoryStore();
    const saved = saveEdits(store, playground, { 'server.ts': 'edited', 'load.ts': 'hacked', 'new.ts': 'x' });
    expect(saved).toEqual({ 'server.ts': 'edited' });
    expect(loadEdits(store, playground)).toEqual({ 'server.ts': 'edited' });
  });

  it('forgets a file edited back to its original, and clears on reset', () => {
    const store = memoryStore();
    saveEdits(store, playground, { 'server.ts': 'edited' });
    saveEdits(store, playground, { 'server.ts': 'original' });
    expect(store.data.size).toBe(0);
    saveEdits(store, playground, { 'server.ts': 'edited' });
    clearEdits(store, 'demo');
    expect(loadEdits(store, playground)).toEqual({});
  });

  it('ignores storage it cannot read or that holds something else', () => {
    const broken = { getItem: () => { throw new Error('denied'); }, setItem: () => { throw new Error('denied'); }, removeItem: () => {} };
    expect(loadEdits(broken, playground)).toEqual({});
    expect(saveEdits(broken, playground, { 'server.ts': 'edited' })).toEqual({ 'server.ts': 'edited' });
    const store = memoryStore();
    store.setItem('ell:edits:demo', 'not json');
    expect(loadEdits(store, playground)).toEqual({});
  });
});

describe('forkProject', () => {
  it('is a node project with every file and the reader’s edits, in the page’s language', () => {
    const manifest = { title: { en: 'Blocking', ja: 'ブロッキング' }, claim: { en: 'It stalls.', ja: '止まります。' } } as Manifest;
    const project = forkProject({ id: 'demo', manifest, files: { 'server.ts': 'original', 'package.json': '{}' } }, { 'server.ts': 'edited' }, 'ja');
    expect(project).toEqual({
      title: 'Event Loop Lab: ブロッキング',
      description: '止まります。',
      template: 'node',
      files: { 'server.ts': 'edited', 'package.json': '{}' },
    });
  });

  it('carries the JavaScript twins in js/: every .js twin and the manifest, each naming twins, nothing else', () => {
    const manifest = { title: { en: 'T', ja: 'T' }, claim: { en: 'C', ja: 'C' } } as Manifest;
    const files = { 'server.ts': 'x', 'playground.json': '{"command": ["node", "server.ts"]}', 'package.json': '{}', 'run-ts.mjs': '' };
    const javaScript = {
      'server.js': "start({ command: ['node', 'load.ts'] }); log('other.ts');",
      'playground.json': files['playground.json'],
      'package.json': '{}',
      'run-ts.mjs': '',
    };
    const project = forkProject({ id: 'demo', manifest, files: { ...files, 'load.ts': '' } }, {}, 'en', javaScript);
    expect(Object.keys(project.files).filter((name) => name.startsWith('js/')).sort()).toEqual(['js/playground.json', 'js/server.js']);
    expect(project.files['js/playground.json']).toBe('{"command": ["node", "server.js"]}');
    // Only names of the playground's own TypeScript files change.
    expect(project.files['js/server.js']).toBe("start({ command: ['node', 'load.js'] }); log('other.ts');");
    expect(project.files['server.ts']).toBe('x');
  });
});

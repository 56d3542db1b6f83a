import { afterEach, describe, expect, it, vi } from 'vitest';
import { webContainerBlocker } from '../../src/playground/runtime/webcontainer.ts';

// What the page can tell before trying to boot: WebContainer needs cross-origin isolation (SharedArrayBuffer)
// and Atomics.waitAsync; each missing piece is a different message for the reader.
describe('webContainerBlocker', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('lets an isolated, capable browser try', () => {
    vi.stubGlobal('crossOriginIsolated', true);
    expect(webContainerBlocker()).toBeNull();
  });

  it('names a page that is not cross-origin isolated', () => {
    vi.stubGlobal('crossOriginIsolated', false);
    expect(webContainerBlocker()).toMatchObject({ code: 'not-isolated' });
  });

  it('names a browser without Atomics.waitAsync as unsupported', () => {
    vi.stubGlobal('crossOriginIsolated', true);
    vi.stubGlobal('Atomics', { ...Atomics, waitAsync: undefined });
    expect(webContainerBlocker()).toMatchObject({ code: 'unsupported-browser' });
  });
});

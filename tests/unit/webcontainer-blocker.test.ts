import { afterEach, describe, expect, it, vi } from 'vitest';
import { webContainerBlocker } from '../../src/playground/runtime/webcontainer.ts';

// What the page can tell before trying to boot: WebContainer needs cross-origin isolation (SharedArrayBuffer),
// and Safari before 16.4 cannot run it; each is a different message for the reader.
const safari15 = 'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/15.6 Safari/605.1.15';
const firefoxEsr = 'Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0';
const chrome = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0.0.0 Safari/537.36';

function browser(userAgent: string, waitAsync: boolean): void {
  vi.stubGlobal('crossOriginIsolated', true);
  vi.stubGlobal('navigator', { userAgent });
  if (!waitAsync) vi.stubGlobal('Atomics', { waitAsync: undefined });
}

describe('webContainerBlocker', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('lets an isolated Chromium try', () => {
    browser(chrome, true);
    expect(webContainerBlocker()).toBeNull();
  });

  it('names a page that is not cross-origin isolated', () => {
    vi.stubGlobal('crossOriginIsolated', false);
    expect(webContainerBlocker()).toMatchObject({ code: 'not-isolated' });
  });

  it('names Safari without Atomics.waitAsync (before 16.4) as unsupported', () => {
    browser(safari15, false);
    expect(webContainerBlocker()).toMatchObject({ code: 'unsupported-browser' });
  });

  it('lets Firefox ESR try although it has no Atomics.waitAsync', () => {
    browser(firefoxEsr, false);
    expect(webContainerBlocker()).toBeNull();
  });
});

import { afterEach, describe, expect, it, vi } from 'vitest';
import { CannotRunHereError, chooseRuntime, localRunnerReachable } from '../../src/client/runtime-choice.ts';
import type { Manifest } from '../../src/playground/manifest.ts';
import type { Runner } from '../../src/runner/server.ts';
import { ORIGIN, startRunner } from './runner-helpers.ts';

// The local runner is offered, or used for a playground WebContainer cannot run, only when it answers, not
// merely because an address was handed to the page.
const nodeFetch = globalThis.fetch;

function page(runnerConfig: { url: string; token: string }): void {
  vi.stubGlobal('location', { hash: '', pathname: '/en/cpu-bound/', search: '' });
  vi.stubGlobal('sessionStorage', { getItem: () => null, setItem: () => {} });
  vi.stubGlobal('__ELL_RUNNER__', runnerConfig);
  // A browser sends Origin by itself; Node's fetch does not.
  vi.stubGlobal('fetch', (input: RequestInfo | URL, init: RequestInit = {}) => {
    const headers = new Headers(init.headers);
    headers.set('Origin', ORIGIN);
    return nodeFetch(input, { ...init, headers });
  });
}

const cannotRunInBrowser = {
  title: { en: 't', ja: 't' },
  claim: { en: 'c', ja: 'c' },
  main: 'main.ts',
  processes: [{ id: 'main', label: { en: 'M', ja: 'M' }, command: ['node', 'main.ts'] }],
  webcontainer: { runs: false, why: { en: 'no thread pool', ja: 'スレッドプールがありません' } },
} satisfies Manifest;

let runner: Runner | undefined;
afterEach(async () => {
  vi.unstubAllGlobals();
  await runner?.close();
  runner = undefined;
});

describe('runtime choice', () => {
  it('a runner handed to the page but not answering is not offered, and a playground WebContainer cannot run cannot run here', async () => {
    page({ url: 'http://127.0.0.1:9', token: 'stale-token' });
    expect(await localRunnerReachable()).toBe(false);
    await expect(chooseRuntime(cannotRunInBrowser)).rejects.toBeInstanceOf(CannotRunHereError);
  });

  it('a runner that answers is offered, and runs what WebContainer cannot', async () => {
    runner = await startRunner();
    page({ url: runner.url, token: runner.token });
    expect(await localRunnerReachable()).toBe(true);
    expect((await chooseRuntime(cannotRunInBrowser)).kind).toBe('local');
  });
});

// Which runtime runs a playground: WebContainer by default; `?runtime=local` (or the reader's choice after a
// failed boot) forces the local runner; a playground WebContainer cannot run uses the local runner when one
// was handed to the page and answers, and otherwise cannot run here. One instance of each per page, shared by
// its playgrounds.
import type { Localized, Manifest } from '../playground/manifest.ts';
import { createLocalRuntime, findLocalRunner, probeLocalRunner } from '../playground/runtime/local.ts';
import { RuntimeError, type Runtime, type RuntimeKind } from '../playground/runtime/types.ts';

export class CannotRunHereError extends Error {
  override name = 'CannotRunHereError';
  readonly why: Localized;
  constructor(why: Localized) {
    super(why.en);
    this.why = why;
  }
}

const instances: Partial<Record<RuntimeKind, Promise<Runtime>>> = {};

/** A local runner was handed to this page, and it answers now (worth offering to the reader). */
export async function localRunnerReachable(): Promise<boolean> {
  const runner = findLocalRunner();
  return runner !== null && (await probeLocalRunner(runner));
}

function requested(): RuntimeKind | undefined {
  const value = new URLSearchParams(location.search).get('runtime');
  return value === 'local' || value === 'webcontainer' ? value : undefined;
}

function localRuntime(): Promise<Runtime> {
  const runner = findLocalRunner();
  if (!runner) return Promise.reject(new RuntimeError('runner-unreachable', 'no local runner was handed to this page'));
  return (instances.local ??= Promise.resolve(createLocalRuntime(runner)));
}

function webContainerRuntime(): Promise<Runtime> {
  return (instances.webcontainer ??= import('../playground/runtime/webcontainer.ts').then(({ createWebContainerRuntime }) =>
    createWebContainerRuntime(),
  ));
}

export async function chooseRuntime(manifest: Manifest, preferred?: RuntimeKind): Promise<Runtime> {
  const wanted = preferred ?? requested();
  if (wanted === 'local') return localRuntime();
  if (manifest.webcontainer?.runs === false && wanted !== 'webcontainer') {
    if (await localRunnerReachable()) return localRuntime();
    throw new CannotRunHereError(manifest.webcontainer.why);
  }
  return webContainerRuntime();
}

import { describe, expect, it } from 'vitest';
import { missingPlatformPackages } from '../../scripts/platform-packages.mjs';

// Rolldown as the lockfile has it: one optional binding per platform, glibc and musl both for linux-x64.
const engines = { node: '^20.19.0 || >=22.12.0' };
const lock = {
  'node_modules/rolldown': {
    optionalDependencies: { '@rolldown/binding-linux-x64-gnu': '1.2.19', '@rolldown/binding-linux-x64-musl': '1.2.19', '@rolldown/binding-darwin-arm64': '1.2.19', '@rolldown/binding-wasm32-wasi': '1.2.19' },
  },
  'node_modules/@rolldown/binding-linux-x64-gnu': { os: ['linux'], cpu: ['x64'], engines },
  'node_modules/@rolldown/binding-linux-x64-musl': { os: ['linux'], cpu: ['x64'], engines },
  'node_modules/@rolldown/binding-darwin-arm64': { os: ['darwin'], cpu: ['arm64'], engines },
  'node_modules/@rolldown/binding-wasm32-wasi': { cpu: ['wasm32'], engines },
};
const linux = { platform: 'linux', arch: 'x64' };
const only = (...paths: string[]) => (path: string) => paths.includes(path);

describe('missingPlatformPackages', () => {
  it('names a package that has none of its native packages for this machine, with the candidates', () => {
    expect(missingPlatformPackages(lock, linux, only('node_modules/rolldown'))).toEqual([
      { path: 'node_modules/rolldown', candidates: ['node_modules/@rolldown/binding-linux-x64-gnu', 'node_modules/@rolldown/binding-linux-x64-musl'] },
    ]);
  });

  it('is content with one of them (the lockfile does not always say which libc it needs)', () => {
    expect(missingPlatformPackages(lock, linux, only('node_modules/rolldown', 'node_modules/@rolldown/binding-linux-x64-gnu'))).toEqual([]);
  });

  it('asks nothing of a package that is not installed, or that has no native package for this machine', () => {
    expect(missingPlatformPackages(lock, linux, only())).toEqual([]);
    expect(missingPlatformPackages(lock, { platform: 'freebsd', arch: 'x64' }, only('node_modules/rolldown'))).toEqual([]);
    // An optional dependency for every platform is not a native package, and npm may skip it for its own reasons.
    const plain = { 'node_modules/p': { optionalDependencies: { q: '1' } }, 'node_modules/q': {} };
    expect(missingPlatformPackages(plain, linux, only('node_modules/p'))).toEqual([]);
  });

  it('follows Node’s lookup from a nested package and npm’s ! rule', () => {
    const nested = {
      'node_modules/a': {},
      'node_modules/a/node_modules/b': { optionalDependencies: { c: '1', d: '1' } },
      'node_modules/c': { os: ['!win32'] },
      'node_modules/a/node_modules/d': { os: ['win32'] },
    };
    const installed = only('node_modules/a', 'node_modules/a/node_modules/b');
    expect(missingPlatformPackages(nested, linux, installed)).toEqual([{ path: 'node_modules/a/node_modules/b', candidates: ['node_modules/c'] }]);
    expect(missingPlatformPackages(nested, { platform: 'win32', arch: 'x64' }, installed)).toEqual([
      { path: 'node_modules/a/node_modules/b', candidates: ['node_modules/a/node_modules/d'] },
    ]);
  });
});

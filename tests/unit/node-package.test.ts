import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { meetsNodeFloor } from '../../scripts/node-floor.mjs';

// `npm install` brings the Node the project runs on (the registry's `node` package); these keep that working on
// every platform and every npm, since a machine of one platform can only try its own.
interface LockEntry { version?: string; optional?: boolean; os?: string[]; cpu?: string[]; hasInstallScript?: boolean; engines?: { node?: string } }
const pkg = JSON.parse(readFileSync('package.json', 'utf8'));
const lock: { packages: Record<string, LockEntry> } = JSON.parse(readFileSync('package-lock.json', 'utf8'));

describe('the Node that npm install brings', () => {
  it('is pinned, optional, locked at the same version and new enough for the project', () => {
    const version: string = pkg.optionalDependencies.node;
    expect(version).toMatch(/^\d+\.\d+\.\d+$/);
    expect(meetsNodeFloor(version)).toBe(true);
    expect(lock.packages['node_modules/node']).toMatchObject({ version, optional: true, hasInstallScript: true });
  });

  it('has its install script approved, which fetches the platform’s binary (npm blocks unapproved ones)', () => {
    expect(pkg.allowScripts?.node).toBe(true);
  });

  it('leaves the lockfile the same for every platform: no binary package of one is locked, none is required', () => {
    const names = Object.keys(lock.packages);
    expect(names.filter((name) => /^node_modules\/node(-bin)?-(linux|darwin|win)-/.test(name))).toEqual([]);
    const required = names.filter((name) => (lock.packages[name]!.os || lock.packages[name]!.cpu) && !lock.packages[name]!.optional);
    expect(required).toEqual([]);
  });

  it('asks in engines for the Node npm must run on to install the native packages the site needs', () => {
    // npm checks engines against the Node running npm, and skips an optional package it does not meet; these two
    // ask the most of it (scripts/check-install.mjs catches any other that starts to).
    for (const binding of ['@rolldown/binding-linux-x64-gnu', '@astrojs/compiler-binding-linux-x64-gnu']) {
      expect(lock.packages[`node_modules/${binding}`]).toMatchObject({ optional: true, engines: { node: pkg.engines.node } });
    }
    expect(pkg.engines.npm).toBe('>=10');
  });
});

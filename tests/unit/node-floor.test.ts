import { describe, expect, it } from 'vitest';
import { meetsNodeFloor } from '../../scripts/node-floor.mjs';

describe('meetsNodeFloor', () => {
  it('refuses the Nodes that cannot run the project', () => {
    // 20: Astro and vitest refuse it; 22.18: no Lighthouse; 22.23.3: Astro 7.4 refuses it; 23.5: no type
    // stripping by default.
    for (const version of ['18.20.8', '20.20.2', '22.12.0', '22.18.0', '22.19.0', '22.22.3', '22.23.3', '23.5.0']) expect(meetsNodeFloor(version)).toBe(false);
  });

  it('accepts the ones that can', () => {
    for (const version of ['22.23.4', '22.23.10', '22.24.0', '23.6.0', '24.21.0', '26.3.0']) expect(meetsNodeFloor(version)).toBe(true);
  });
});

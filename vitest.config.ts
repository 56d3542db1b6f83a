import { defineConfig } from 'vitest/config';

// Two projects: fast unit tests in parallel, then playground tests that start real Node processes.
// The latter run after the unit tests (groupOrder) and one file at a time: they measure orderings and
// ratios, and two cores shared with other tests' work would turn a clear signal into noise.
export default defineConfig({
  test: {
    // The JSON report feeds the one-line summary .ci/run prints (scripts/test-summary.ts).
    reporters: ['default', ['json', { outputFile: '.cache/test-results/vitest.json' }]],
    projects: [
      { test: { name: 'unit', include: ['tests/unit/**/*.test.ts'], sequence: { groupOrder: 0 } } },
      {
        test: {
          name: 'playgrounds',
          include: ['tests/playgrounds/**/*.test.ts'],
          fileParallelism: false,
          sequence: { groupOrder: 1 },
          testTimeout: 60_000,
          hookTimeout: 30_000,
        },
      },
    ],
  },
});

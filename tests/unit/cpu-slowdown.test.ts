import { describe, expect, it } from 'vitest';
import { cpuSlowdownFor } from '../../scripts/cpu-slowdown.ts';

describe('cpuSlowdownFor', () => {
  it('meets the calibration anchors of Lighthouse’s throttling docs', () => {
    expect(cpuSlowdownFor(800)).toBeCloseTo(2);
    expect(cpuSlowdownFor(1300)).toBeCloseTo(3);
    expect(cpuSlowdownFor(1533)).toBeCloseTo(4);
  });

  it('is 4x at the slow end of a high-end desktop, more above, less on slower hosts', () => {
    expect(cpuSlowdownFor(2000)).toBeCloseTo(6, 0);
    expect(cpuSlowdownFor(1136)).toBeGreaterThan(2.5);
    expect(cpuSlowdownFor(1136)).toBeLessThan(3);
  });

  it('never speeds a page up', () => {
    expect(cpuSlowdownFor(150)).toBe(1);
    expect(cpuSlowdownFor(20)).toBe(1);
  });
});

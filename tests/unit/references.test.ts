// The committed reference runs: each validates against the schema and still shows its playground's claim.
import { describe, expect, it } from 'vitest';
import { checkClaim } from '../../src/playground/claims.ts';
import { listPlaygroundIds, loadReference } from '../../src/playground/load-playground.ts';
import { parseReference } from '../../src/playground/reference.ts';

const ids = await listPlaygroundIds();

describe.each(ids)('%s reference.json', (id) => {
  it('validates, was recorded in Node ≥ 22.12, and shows the claim', async () => {
    const reference = await loadReference(id);
    expect(reference, 'run `npm run record`').not.toBeNull();
    expect(reference!.playground).toBe(id);
    const [major = 0, minor = 0] = reference!.node.slice(1).split('.').map(Number);
    expect(major > 22 || (major === 22 && minor >= 12)).toBe(true);
    const result = checkClaim(id, reference!.events, { cpus: reference!.cpus.count });
    expect(result.checks.filter((check) => !check.pass)).toEqual([]);
  });
});

describe('parseReference', () => {
  it('names the file and the field of what is wrong', () => {
    expect(() =>
      parseReference(
        { schema: 1, playground: 'x', recordedAt: 'yesterday', node: 'v24.0.0', os: {}, cpus: { count: 0, model: '' }, events: [{ v: 1 }] },
        'playgrounds/x/reference.json',
      ),
    ).toThrow(/playgrounds\/x\/reference\.json: recordedAt: .*\n(.*\n)*playgrounds\/x\/reference\.json: events\.0: is not a version-1 trace event/);
  });
});

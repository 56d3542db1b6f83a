// One claim suite for every playground, found by its folder: each runs the three ways of VARIANTS and must show
// its claim (the checker keyed by its id in src/playground/claims.ts), cleanly. A new playground needs no test
// file of its own; one whose claim needs more than one run per variant keeps its own file (OWN_SUITE), and one
// with something to assert beyond the claim adds it to EXTRAS.
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { CompatProfile } from '../../src/playground/runtime/profiles.ts';
import type { MechanismChoice, MechanismEvent } from '../../src/playground/events.ts';
import { listPlaygroundIds } from '../../src/playground/load-playground.ts';
import type { PlaygroundRun } from '../../src/playground/runtime/node.ts';
import { proveClaim, VARIANTS, type Variant } from './prove-claim.ts';

/** Proven in `tests/playgrounds/<id>.test.ts` instead: cpu-bound judges its speed-up against the machine's free
 * cores measured around the run; threadpool-limit cannot run in the profiles and must say so instead. */
const OWN_SUITE = new Set(['cpu-bound', 'threadpool-limit']);

const mechanisms = (run: PlaygroundRun) => run.events.filter((e): e is MechanismEvent => e.type === 'mechanism');

// How blocking-the-loop's blocking call waits in each variant, decided by trying at start-up: real Node has
// everything; the profile takes receiveMessageOnPort away; the strict one Atomics.wait too.
const BLOCKING_WAIT: Record<CompatProfile | 'none', MechanismChoice> = {
  none: 'message-port',
  webcontainer: 'shared-buffer',
  'webcontainer-strict': 'busy-wait',
};

/** What a playground's run must show besides its claim, in one variant. */
const EXTRAS: Record<string, (run: PlaygroundRun, variant: Variant) => void> = {
  'async-iteration': (run) => {
    // The claim check accepts "unsupported" for runtimes without `await using`; Node 24 has it, so it must run here.
    if (Number(process.versions.node.split('.')[0]) >= 24) {
      expect(run.events.filter((event) => event.type === 'unsupported')).toEqual([]);
    }
  },
  'blocking-the-loop': (run, { name, options }) => {
    // One from (a)'s main thread, one from each of (b)'s four pool workers; (c) and the upstream choose nothing.
    const chosen = mechanisms(run).map((e) => `${e.proc} ${e.feature} ${e.chosen}`);
    const expected = BLOCKING_WAIT[options.profile ?? 'none'];
    console.log(`blocking-the-loop [${name}]: ${[...new Set(chosen)].join('; ')} (${mechanisms(run)[0]?.detail})`);
    expect(chosen.sort()).toEqual([
      `blocking sync-request ${expected}`,
      ...Array.from({ length: 4 }, () => `offloaded sync-request ${expected}`),
    ]);
  },
  'cluster-workers': (run, { options }) => {
    // The blocking handler sleeps in Atomics.wait where it may, and spins on the clock where it may not (strict).
    const sleep = options.profile === 'webcontainer-strict' ? 'busy-wait' : 'atomics-wait';
    const chosen = mechanisms(run).map((e) => `${e.proc}/${e.part} ${e.feature} ${e.chosen}`);
    expect(chosen.sort()).toEqual([`blocking/worker 1 sync-sleep ${sleep}`, `blocking/worker 2 sync-sleep ${sleep}`]);
  },
};

const ids = await listPlaygroundIds();

it('the exceptions name playgrounds that exist, and each own suite is there', () => {
  expect([...OWN_SUITE, ...Object.keys(EXTRAS)].filter((id) => !ids.includes(id))).toEqual([]);
  expect([...OWN_SUITE].filter((id) => !existsSync(`tests/playgrounds/${id}.test.ts`))).toEqual([]);
  expect(Object.keys(EXTRAS).filter((id) => OWN_SUITE.has(id))).toEqual([]);
});

describe.each(VARIANTS)('$name', (variant) => {
  it.each(ids.filter((id) => !OWN_SUITE.has(id)))('%s: its claim holds, in a clean run', async (id) => {
    const { run } = await proveClaim(id, variant.options);
    EXTRAS[id]?.(run, variant);
  });
});

// `npm test` starts here (its pretest, and `npm run test:e2e`'s): a Chromium that starts, before any test runs.
// Where none does, it brings one in the way the machine allows (Debian's package as root, Playwright's download
// where there is no apt), or stops at once with the one command that would (scripts/chromium-plan.ts decides).
import { spawnSync } from 'node:child_process';
import { chromium } from '@playwright/test';
import { debianChromium } from './chromium.ts';
import { planChromium, type ChromiumFacts } from './chromium-plan.ts';

/** Its `--version` line, or undefined when it does not start: a file that exists can still lack its libraries. */
function versionOf(executable: string): string | undefined {
  const run = spawnSync(executable, ['--version'], { encoding: 'utf8', timeout: 30_000 });
  return run.status === 0 ? run.stdout.trim() : undefined;
}

/** The candidates in the order the browser tools pick them (scripts/chromium.ts), then what runs. */
function look(): { facts: ChromiumFacts; candidates: string[]; version?: string } {
  const chosen = process.env.PLAYWRIGHT_CHROMIUM_EXECUTABLE || undefined;
  const candidates = chosen ? [chosen] : [debianChromium(), chromium.executablePath()];
  let found: string | undefined;
  let version: string | undefined;
  for (const candidate of candidates) {
    version = versionOf(candidate);
    if (version) {
      found = candidate;
      break;
    }
  }
  const apt = spawnSync('apt-get', ['--version'], { stdio: 'ignore' }).status === 0;
  return { facts: { chosen, found, root: process.getuid?.() === 0, apt }, candidates, version };
}

function fail(message: string): never {
  console.error(`chromium: ${message}`);
  process.exit(1);
}

const before = look();
const plan = planChromium(before.facts);
if (plan.do === 'stop') fail(`${plan.why}. Run:\n\n  ${plan.command}\n`);
let now = before;
if (plan.do === 'install') {
  const shown = plan.commands.map((command) => command.join(' ')).join(' && ');
  console.log(`chromium: none starts here (looked at ${before.candidates.join(', ')}); running ${shown}`);
  for (const [command, ...args] of plan.commands) {
    const run = spawnSync(command!, args, { stdio: 'inherit', env: { ...process.env, ...plan.env } });
    const outcome = run.error?.message ?? `exit ${run.status}`;
    if (run.status !== 0) fail(`\`${[command, ...args].join(' ')}\` failed (${outcome}). Run it yourself, or set PLAYWRIGHT_CHROMIUM_EXECUTABLE to a Chromium.`);
  }
  now = look();
  if (!now.facts.found) fail(`${shown} finished, but still no Chromium starts (looked at ${now.candidates.join(', ')})`);
}
console.log(`chromium: ${now.facts.found} (${now.version})`);

// What `npm test` does when it needs a Chromium (scripts/ensure-chromium.ts gathers the facts and carries the
// plan out). Pure, so every row of the decision has a unit test.

/** What the machine offers, found before anything is changed. */
export interface ChromiumFacts {
  /** PLAYWRIGHT_CHROMIUM_EXECUTABLE, when set: the reader's own choice, which nothing may replace. */
  chosen?: string;
  /** The first candidate that starts (the chosen one alone, when there is one). */
  found?: string;
  /** Running as root, so a system package can be installed without asking for a password. */
  root: boolean;
  /** apt-get is on PATH: Debian's chromium package is the way in (Playwright's own download needs its CDN). */
  apt: boolean;
}

export type ChromiumPlan =
  | { do: 'use'; executable: string }
  | { do: 'install'; via: 'apt' | 'playwright'; commands: string[][]; env?: Record<string, string> }
  | { do: 'stop'; why: string; command: string };

export const aptCommands: string[][] = [
  ['apt-get', 'update', '-qq'],
  ['apt-get', 'install', '-y', '-qq', 'chromium'],
];
export const playwrightCommand = ['npx', 'playwright', 'install', 'chromium'];

export function planChromium(facts: ChromiumFacts): ChromiumPlan {
  if (facts.found) return { do: 'use', executable: facts.found };
  if (facts.chosen) {
    return {
      do: 'stop',
      why: `PLAYWRIGHT_CHROMIUM_EXECUTABLE is ${facts.chosen}, which does not start; installing another Chromium would not change that`,
      command: 'unset PLAYWRIGHT_CHROMIUM_EXECUTABLE',
    };
  }
  if (facts.apt && facts.root) {
    return { do: 'install', via: 'apt', commands: aptCommands, env: { DEBIAN_FRONTEND: 'noninteractive' } };
  }
  if (facts.apt) {
    // Never sudo from inside a test run: it would stop at a password prompt, or worse, not.
    return { do: 'stop', why: 'no Chromium starts here, and installing Debian’s needs root', command: 'sudo apt-get install chromium' };
  }
  return { do: 'install', via: 'playwright', commands: [playwrightCommand] };
}

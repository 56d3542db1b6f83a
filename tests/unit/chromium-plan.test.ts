import { describe, expect, it } from 'vitest';
import { aptCommands, planChromium, playwrightCommand } from '../../scripts/chromium-plan.ts';

describe('planChromium', () => {
  it('uses a Chromium that starts, whoever the user is and whatever is installed', () => {
    for (const root of [true, false]) {
      for (const apt of [true, false]) {
        expect(planChromium({ found: '/usr/bin/chromium', root, apt })).toEqual({ do: 'use', executable: '/usr/bin/chromium' });
      }
    }
    expect(planChromium({ chosen: '/opt/c', found: '/opt/c', root: false, apt: false })).toEqual({ do: 'use', executable: '/opt/c' });
  });

  it('installs Debian’s package as root where there is apt', () => {
    expect(planChromium({ root: true, apt: true })).toEqual({
      do: 'install',
      via: 'apt',
      commands: aptCommands,
      env: { DEBIAN_FRONTEND: 'noninteractive' },
    });
    expect(aptCommands.at(-1)).toEqual(['apt-get', 'install', '-y', '-qq', 'chromium']);
  });

  it('stops with the sudo command instead of installing as another user', () => {
    expect(planChromium({ root: false, apt: true })).toMatchObject({ do: 'stop', command: 'sudo apt-get install chromium' });
  });

  it('downloads Playwright’s own browser where there is no apt, root or not', () => {
    for (const root of [true, false]) {
      expect(planChromium({ root, apt: false })).toEqual({ do: 'install', via: 'playwright', commands: [playwrightCommand] });
    }
  });

  it('never replaces a chosen PLAYWRIGHT_CHROMIUM_EXECUTABLE that does not start', () => {
    for (const root of [true, false]) {
      for (const apt of [true, false]) {
        const plan = planChromium({ chosen: '/nowhere/chrome', root, apt });
        expect(plan).toMatchObject({ do: 'stop', command: 'unset PLAYWRIGHT_CHROMIUM_EXECUTABLE' });
        expect(plan.do === 'stop' && plan.why).toContain('/nowhere/chrome');
      }
    }
  });
});

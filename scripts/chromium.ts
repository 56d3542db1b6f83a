// The Chromium every browser tool here drives (Playwright, Lighthouse, the bench), and how to start it.
// Playwright cannot download its own browser on machines without internet; Debian's Chromium works.
import { existsSync } from 'node:fs';

/** PLAYWRIGHT_CHROMIUM_EXECUTABLE wins, then /usr/bin/chromium; undefined leaves the choice to the tool. */
export function chromiumExecutable(): string | undefined {
  return process.env.PLAYWRIGHT_CHROMIUM_EXECUTABLE ?? (existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined);
}

// Without the network flags Chromium keeps trying to reach Google's services from a machine with no network;
// --no-sandbox because CI runs as root.
export const chromiumFlags = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

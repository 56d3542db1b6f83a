// The Chromium every browser tool here drives (Playwright, Lighthouse, the bench), and how to start it.
// Playwright cannot download its own browser on machines without internet; Debian's Chromium works.
import { existsSync } from 'node:fs';

/**
 * Where Debian's chromium package puts its executable. ELL_DEBIAN_CHROMIUM moves it, so that a machine without it
 * can be acted out on one that has it (`npm test`'s Chromium check and every tool below then look there instead).
 */
export function debianChromium(): string {
  return process.env.ELL_DEBIAN_CHROMIUM || '/usr/bin/chromium';
}

/** PLAYWRIGHT_CHROMIUM_EXECUTABLE wins, then Debian's; undefined leaves the choice to the tool (its own browser). */
export function chromiumExecutable(): string | undefined {
  const debian = debianChromium();
  return process.env.PLAYWRIGHT_CHROMIUM_EXECUTABLE || (existsSync(debian) ? debian : undefined);
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

import { expect, type Locator, type Page } from '@playwright/test';

/**
 * Fast-forwards the page's installed clock (`page.clock.install()`) until the playground's run has given up:
 * WebContainer's boot waits forever for StackBlitz, and the page's own limit ends it. Time is not waited for.
 */
export async function fastForwardUntilError(page: Page, playground: Locator): Promise<void> {
  await expect
    .poll(async () => {
      await page.clock.fastForward(5_000);
      return playground.getAttribute('data-state');
    }, { timeout: 30_000 })
    .toBe('error');
}

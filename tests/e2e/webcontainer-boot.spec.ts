import { expect, test, type Page } from '@playwright/test';
import { fastForwardUntilError } from './clock.ts';
import { locales, t } from './site.ts';

// What the reader sees of WebContainer's boot in a real browser, with StackBlitz unreachable by construction (so the
// tests mean the same on a machine with network): the hint while it is slow, the advice when it gives up, Run again
// that loads StackBlitz's hidden frame again instead of waiting forever, the iPhone warning, and a fork whose parts
// are fetched before the click.
const id = 'blocking-the-loop';
const IPHONE =
  'Mozilla/5.0 (iPhone; CPU iPhone OS 19_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/19.0 Mobile/15E148 Safari/604.1';

const playground = (page: Page) => page.locator(`event-loop-playground[data-id="${id}"]`);

/** Blocks every StackBlitz address; counts the loads of WebContainer's hidden frame (`/headless`). */
async function withoutStackBlitz(page: Page): Promise<{ frameLoads: () => number }> {
  let loads = 0;
  await page.context().route(/stackblitz\.com|staticblitz\.com|webcontainer(-api)?\.io/, (route) => {
    if (new URL(route.request().url()).pathname === '/headless') loads += 1;
    return route.abort();
  });
  return { frameLoads: () => loads };
}

const untilError = (page: Page) => fastForwardUntilError(page, playground(page));

for (const locale of locales) {
  test(`${locale}: a slow boot says it is still starting, a timed-out one names Chrome's fix, and Run again retries without a reload`, async ({ page }) => {
    const stackBlitz = await withoutStackBlitz(page);
    await page.clock.install();
    await page.goto(`/${locale}/${id}/`);
    const status = playground(page).locator('[data-status]');
    await playground(page).locator('button[data-action="run"]').click();
    await expect(playground(page)).toHaveAttribute('data-state', 'booting');
    await expect.poll(stackBlitz.frameLoads).toBe(1);
    await expect(status).toHaveText(t(locale, 'playground.step.booting'));
    await page.clock.fastForward(11_000);
    await expect(status).toHaveText(t(locale, 'playground.step.bootingSlow'));

    await untilError(page);
    await expect(status).toContainText(t(locale, 'playground.error.boot-timeout').split('{advice}')[0]!.trim());
    await expect(status).toContainText(t(locale, 'playground.cookies.chrome'));

    // The boot still waits for the frame's answer: Run again loads the frame again, and gives up again in time.
    await playground(page).locator('button[data-action="run"]').click();
    await expect.poll(stackBlitz.frameLoads).toBe(2);
    await untilError(page);
    await expect(status).toContainText(t(locale, 'playground.cookies.chrome'));
  });
}

test.describe('on an iPhone', () => {
  test.use({ userAgent: IPHONE });

  for (const locale of locales) {
    test(`${locale}: the first Run warns and boots nothing, keeping the reference run; Run anyway boots`, async ({ page }) => {
      const stackBlitz = await withoutStackBlitz(page);
      await page.goto(`/${locale}/${id}/`);
      const caption = playground(page).locator('[data-timeline-caption]');
      const reference = await caption.textContent();
      const run = playground(page).locator('button[data-action="run"]');
      await run.click();
      await expect(playground(page).locator('[data-status]')).toHaveText(t(locale, 'playground.appleMobile'));
      await expect(playground(page)).toHaveAttribute('data-state', 'idle');
      await expect(run).toHaveText(t(locale, 'playground.runAnyway'));
      await expect(run).toBeEnabled();
      await expect(caption).toHaveText(reference ?? '');
      expect(stackBlitz.frameLoads()).toBe(0);

      await run.click();
      await expect(playground(page)).toHaveAttribute('data-state', 'booting');
      await expect.poll(stackBlitz.frameLoads).toBe(1);
    });
  }
});

test('Open in StackBlitz: pointing at it fetches the SDK and the twins; the fork carries the twins in js/', async ({ page, context }) => {
  const requested: string[] = [];
  page.on('request', (request) => requested.push(new URL(request.url()).pathname));
  await page.goto(`/en/${id}/`);
  const fork = playground(page).locator('button[data-action="fork"]');
  await fork.hover();
  await expect.poll(() => requested.some((path) => /\/_astro\/sdk\.[^/]*\.js$/.test(path))).toBe(true);
  await expect.poll(() => requested.includes(`/playgrounds/${id}.js.json`)).toBe(true);

  let posted: URLSearchParams | undefined;
  await context.route('https://stackblitz.com/run**', async (route) => {
    posted = new URLSearchParams(route.request().postData() ?? '');
    await route.fulfill({ status: 200, contentType: 'text/html', body: '<!doctype html><title>fork</title>' });
  });
  const popup = context.waitForEvent('page');
  await fork.click();
  await (await popup).waitForLoadState();
  expect(posted?.get('project[files][js/run.js]')).toContain("'load.js'");
  expect(posted?.get('project[files][js/playground.json]')).toContain('"server-blocking.js"');
  expect(posted?.get('project[files][server-blocking.ts]')).toBeTruthy();
});

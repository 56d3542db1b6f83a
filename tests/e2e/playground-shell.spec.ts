import { expect, test, type Page, type Route } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { builtPages, distDir, locales } from './site.ts';

// The static shell a playground is before its script runs: the files and the reference run, readable as they are,
// and no control that would do nothing when pressed. Its script reveals the controls once they work.
const withPlaygrounds = builtPages().filter((page) =>
  readFileSync(join(distDir, page.path, 'index.html'), 'utf8').includes('<event-loop-playground'),
);

/** What a reader sees of each playground on the page: the parts the script reveals, and the parts that need none. */
async function shell(page: Page) {
  return page.locator('event-loop-playground').evaluateAll((elements) =>
    elements.map((element) => {
      const shown = (selector: string) => {
        const found = element.querySelector<HTMLElement>(selector);
        return found !== null && found.checkVisibility();
      };
      return {
        id: element.getAttribute('data-id'),
        tabs: shown('[role="tablist"]'),
        controls: shown('[data-controls]'),
        processes: shown('[data-processes]'),
        code: shown('[role="tabpanel"] pre'),
        figure: shown('[data-timeline-svg] svg'),
      };
    }),
  );
}

test('the built site has playground pages in every language', () => {
  for (const locale of locales) expect(withPlaygrounds.filter((page) => page.locale === locale).length).toBeGreaterThan(0);
});

test('without JavaScript every playground shows its files and reference run, and no controls', async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  for (const { path } of withPlaygrounds) {
    await page.goto(path);
    const playgrounds = await shell(page);
    expect(playgrounds.length, path).toBeGreaterThan(0);
    for (const playground of playgrounds) {
      expect(playground, `${path} ${playground.id}`).toEqual({ id: playground.id, tabs: false, controls: false, processes: false, code: true, figure: true });
    }
  }
  await context.close();
});

for (const locale of locales) {
  test(`${locale}: the controls appear only once the playground's script can act on them`, async ({ page }) => {
    // Hold the script that upgrades the element, as a slow connection would.
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let requested!: () => void;
    const wasRequested = new Promise<void>((resolve) => (requested = resolve));
    await page.route('**/_astro/Playground.astro_astro_type_script_*.js', async (route: Route) => {
      requested();
      await held;
      await route.continue();
    });
    // A module script holds DOMContentLoaded back, so wait for the parsed shell rather than for an event.
    await page.goto(`/${locale}/blocking-the-loop/`, { waitUntil: 'commit' });
    await wasRequested;
    await page.locator('event-loop-playground [data-processes]').first().waitFor({ state: 'attached' });
    // The component's stylesheet must be in effect, or the browser's own [hidden] rule would hide the controls
    // whatever the component's CSS says, and this check would pass for the wrong reason.
    expect(await page.locator('event-loop-playground .playground').first().evaluate((section) => getComputedStyle(section).borderTopStyle)).toBe('solid');
    const before = (await shell(page))[0]!;
    expect(before).toMatchObject({ tabs: false, controls: false, processes: false, code: true });

    release();
    const edit = page.locator('event-loop-playground button[data-action="edit"]').first();
    await expect(edit).toBeVisible();
    // The first press works: the editor opens.
    await edit.click();
    await expect(page.locator('event-loop-playground .cm-content').first()).toBeVisible({ timeout: 20_000 });
    // The output panes wait for a run.
    expect((await shell(page))[0]).toMatchObject({ tabs: true, controls: true, processes: false });
  });
}

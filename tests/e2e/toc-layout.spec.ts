import { expect, test, type Page } from '@playwright/test';

// src/styles/site.css lays Starlight's two columns out from the right, so the table of contents is in its place
// from the first paint, even one made before the main pane has been parsed. The finished layout must not change.
const chapter = '/en/running-together/';
// 72rem is where Starlight shows the table of contents beside the page.
const widths = [1152, 1280, 1920];

async function columns(page: Page) {
  return page.evaluate(() => {
    const box = (selector: string) => {
      const rect = document.querySelector(selector)!.getBoundingClientRect();
      return { x: Math.round(rect.x), width: Math.round(rect.width) };
    };
    return { toc: box('.right-sidebar'), tocColumn: box('.right-sidebar-container'), main: box('.main-pane') };
  });
}

for (const width of widths) {
  test(`at ${width} px the columns sit where Starlight's own order puts them`, async ({ page }) => {
    await page.setViewportSize({ width, height: 800 });
    await page.goto(chapter);
    const ours = await columns(page);
    expect(ours.tocColumn.x).toBeGreaterThan(ours.main.x);
    // Starlight's layout as it ships: left to right, the contents moved last by `order`.
    await page.addStyleTag({ content: '.main-frame > .lg\\:sl-flex { flex-direction: row !important } .main-frame > .lg\\:sl-flex > .right-sidebar-container { order: 2 !important }' });
    expect(await columns(page)).toEqual(ours);
  });

  test(`at ${width} px the contents are in place before the main pane exists`, async ({ page }) => {
    await page.setViewportSize({ width, height: 800 });
    await page.goto(chapter);
    const finished = (await columns(page)).toc;
    // What a first paint sees when the markup has arrived up to the contents but not yet the main pane.
    await page.evaluate(() => document.querySelector('.main-pane')!.remove());
    const partial = await page.evaluate(() => Math.round(document.querySelector('.right-sidebar')!.getBoundingClientRect().x));
    expect(partial).toBe(finished.x);
  });
}

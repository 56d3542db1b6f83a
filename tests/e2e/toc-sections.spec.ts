import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { tocSections } from '../../src/starlight/toc-sections.ts';
import { starlightTocSelectors } from '../../src/starlight/toc-sections-plugin.ts';
import { builtPages, distDir } from './site.ts';

test('the built table-of-contents script uses the fast query, not the :has() one', () => {
  // The unit test proves the patch applies to the installed script; this proves the build ran it. If Starlight
  // moved the query to a file the plugin does not look at, the build would ship the slow one without a word.
  const scripts = readdirSync(join(distDir, '_astro'))
    .filter((name) => name.endsWith('.js'))
    .map((name) => ({ name, code: readFileSync(join(distDir, '_astro', name), 'utf8') }));
  const withToc = scripts.filter(({ code }) => code.includes('tocHeadingSelector'));
  expect(withToc.length).toBeGreaterThan(0);
  for (const { name, code } of withToc) expect(code, name).not.toContain(':has(');
});

// src/starlight/toc-sections.ts replaces the selector Starlight's table of contents uses to find the sections it
// watches. On every built page it must find exactly what Starlight's own selector finds, in the same order.
for (const { path } of builtPages()) {
  test(`${path}: the table of contents watches the same elements as Starlight's selector would`, async ({ page }) => {
    await page.goto(path);
    await page.evaluate(`window.__tocSections = ${tocSections.toString()}`);
    // The very list the build replaces, with the page's own heading selector filled in, as Starlight's script does.
    const { ours, starlights } = await page.evaluate((selectors) => {
      const heading = (document.querySelector('starlight-toc') as HTMLElement & { tocHeadingSelector: string }).tocHeadingSelector;
      const selector = selectors.map((part) => part.replaceAll('${this.tocHeadingSelector}', heading)).join();
      const all = [...document.querySelectorAll('*')];
      const where = (elements: Iterable<Element>) => [...elements].map((element) => `${all.indexOf(element)} ${element.tagName}`);
      const find = (window as unknown as { __tocSections: typeof tocSections }).__tocSections;
      return { ours: where(find(document, heading)), starlights: where(document.querySelectorAll(selector)) };
    }, starlightTocSelectors);
    expect(starlights.length).toBeGreaterThan(1);
    expect(ours).toEqual(starlights);
  });
}

test('the table of contents still marks the section being read', async ({ page }) => {
  await page.goto('/en/running-together/');
  const toc = page.locator('starlight-toc nav').first();
  const links = toc.getByRole('link');
  expect(await links.count()).toBeGreaterThan(3);
  const third = links.nth(2);
  await third.click();
  await expect(third).toHaveAttribute('aria-current', 'true');
  await expect(toc.locator('a[aria-current="true"]')).toHaveCount(1);
});

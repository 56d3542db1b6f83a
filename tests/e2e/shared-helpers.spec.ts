import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { loadPlayground } from '../../src/playground/load-playground.ts';
import { locales, t } from './site.ts';

// A playground runs with shared helpers (load client, tracing, server plumbing) that are not shown as tabs; each
// name in the sentence that lists them opens the file's text, exactly as the playground runs it.
const id = 'blocking-the-loop';

for (const locale of locales) {
  test(`${locale}: the shared helpers a playground names open as their own text`, async ({ page, request }) => {
    const { shared } = await loadPlayground(id);
    await page.goto(`/${locale}/${id}/`);
    const sentence = page.locator('event-loop-playground .shared');
    const links = sentence.getByRole('link');
    expect(await links.allTextContents()).toEqual(shared);
    await expect(sentence).toContainText(shared.slice(0, 2).join(t(locale, 'playground.sharedSeparator')));
    for (const name of shared) {
      const response = await request.get((await sentence.getByRole('link', { name, exact: true }).getAttribute('href'))!);
      expect(response.status(), name).toBe(200);
      expect(response.headers()['content-type'], name).toMatch(/^text\/plain/);
      expect(await response.text(), name).toBe(readFileSync(`playgrounds/_shared/${name}`, 'utf8'));
    }
  });
}

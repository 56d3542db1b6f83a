import { expect, test, type Locator, type Page } from '@playwright/test';
import { t } from '../../src/i18n/ui.ts';
import type { Playground } from '../../src/playground/load-playground.ts';
import { fastForwardUntilError } from './clock.ts';
import { recordCspViolations } from './csp.ts';
import { createRunner, type Runner } from '../../src/runner/server.ts';
import type { CompatProfile } from '../../src/playground/runtime/profiles.ts';
import { withLocalRunner } from './runner.ts';
import { locales, type Locale } from './site.ts';

// The centrepiece, run for real through the local runner the harness started, in both languages: read the
// result from the accessible table as a reader would, edit the blocking handler, run again, reload, reset, fork.
const id = 'blocking-the-loop';
const RUN_TIMEOUT = 90_000;


async function fetchPlayground(page: Page): Promise<Playground> {
  const response = await page.request.get(`/playgrounds/${id}.json`);
  expect(response.ok()).toBe(true);
  return (await response.json()) as Playground;
}

/** The figure's caption, and the button that brings the reference run back once a live run has replaced it. */
function figure(page: Page) {
  return {
    caption: playground(page).locator('[data-timeline-caption]'),
    showReference: playground(page).locator('button[data-action="show-reference"]'),
  };
}

/** The words a caption template ends with, after its last placeholder: what tells the three live captions apart. */
const captionEnd = (locale: Locale, key: 'playground.liveCaptionStopped' | 'playground.liveCaptionFailed') => t(locale, key).split('}').at(-1)!;

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function playground(page: Page): Locator {
  return page.locator(`event-loop-playground[data-id="${id}"]`);
}

async function runToEnd(page: Page): Promise<void> {
  await playground(page).locator('button[data-action="run"]').click();
  await expect(playground(page)).toHaveAttribute('data-state', 'done', { timeout: RUN_TIMEOUT });
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** Latency per server and route, read from the timeline's table (the figure's text alternative). */
async function latencies(page: Page, source: Playground, locale: string): Promise<Record<string, Record<string, number[]>>> {
  const rows = await playground(page)
    .locator('[data-timeline-table] tbody tr')
    .evaluateAll((trs) =>
      trs.map((tr) => ({
        server: tr.querySelector('th')?.textContent ?? '',
        request: tr.querySelector('code')?.textContent ?? '',
        latency: tr.querySelectorAll('td')[3]?.textContent ?? '',
      })),
    );
  const byLabel = new Map(source.manifest.processes.map((p) => [p.label[locale as 'en' | 'ja'], p.id]));
  const result: Record<string, Record<string, number[]>> = {};
  for (const row of rows) {
    const server = byLabel.get(row.server) ?? row.server;
    const ms = Number(row.latency.replace(/[^\d.]/g, ''));
    ((result[server] ??= {})[row.request] ??= []).push(ms);
  }
  return result;
}

/** The reader's edit: the blocking handler made asynchronous, with an awaited fetch. */
function madeAsync(original: string): string {
  const edited = original.replace('GET: () => {', 'GET: async () => {').replace('requestSync(SLOW_CALL_URL)', 'await fetch(SLOW_CALL_URL)');
  expect(edited).not.toBe(original);
  return edited;
}

async function replaceEditorText(page: Page, file: string, text: string): Promise<void> {
  const panel = playground(page).locator(`[role="tabpanel"][data-file="${file}"]`);
  const content = panel.locator('.cm-content');
  // The editor is imported on the first Edit: on two cores busy with other tests that can take a few seconds.
  await expect(content).toBeVisible({ timeout: 20_000 });
  await content.click();
  await page.keyboard.press('ControlOrMeta+a');
  await page.keyboard.insertText(text);
}

// What the reader's browser would show, short of a real WebContainer: the page runs the centrepiece through a local
// runner whose processes are all under a compatibility profile (en: webcontainer, ja: the strict one), and the
// figure must still show the stall, say how the synchronous call was made, in the page's language.
const PROFILED: Record<Locale, { profile: CompatProfile; how: 'provenance.how.requestSharedBuffer' | 'provenance.how.requestBusyWait' }> = {
  en: { profile: 'webcontainer', how: 'provenance.how.requestSharedBuffer' },
  ja: { profile: 'webcontainer-strict', how: 'provenance.how.requestBusyWait' },
};

for (const locale of locales) {
  test.describe(`${locale}: the centrepiece under the ${PROFILED[locale].profile} profile`, () => {
    let runner: Runner | undefined;
    test.beforeAll(async ({ baseURL }) => {
      runner = await createRunner({ allowedOrigins: new Set([new URL(baseURL!).origin]), profile: PROFILED[locale].profile });
    });
    test.afterAll(async () => runner?.close());

    test('Run still shows /health waiting on the blocking server only, and the caption names the way the call was made', async ({ page }) => {
      test.setTimeout(2 * RUN_TIMEOUT);
      const source = await fetchPlayground(page);
      const fragment = `#runner=${encodeURIComponent(runner!.url)}&token=${encodeURIComponent(runner!.token)}`;
      await page.goto(`/${locale}/${id}/?runtime=local${fragment}`);
      await runToEnd(page);
      const run = await latencies(page, source, locale);
      expect(median(run.blocking!['GET /health']!) / median(run.async!['GET /health']!)).toBeGreaterThanOrEqual(10);
      expect(median(run.blocking!['GET /health']!) / median(run.offloaded!['GET /health']!)).toBeGreaterThanOrEqual(3);
      await expect(figure(page).caption).toContainText(t(locale, PROFILED[locale].how));
    });
  });
}

for (const locale of locales) {
  test.describe(`${locale}: the centrepiece with the local runner`, () => {
    // One run at a time: two centrepiece runs at once put eight servers on two cores, and the ratios below
    // measure the playground, not the machine's contention.
    test.describe.configure({ mode: 'serial' });
    test('Run shows /health waiting on the blocking server only; an async edit makes the difference vanish; edits survive reload, reset and fork', async ({ page, context }) => {
      test.setTimeout(4 * RUN_TIMEOUT);
      // All of it happens under the site's Content-Security-Policy, which must refuse nothing along the way.
      const cspViolations = await recordCspViolations(page);
      const source = await fetchPlayground(page);
      await page.goto(withLocalRunner(`/${locale}/${id}/`));

      await runToEnd(page);
      const first = await latencies(page, source, locale);
      const blockingHealth = median(first.blocking!['GET /health']!);
      const asyncHealth = median(first.async!['GET /health']!);
      const offloadedHealth = median(first.offloaded!['GET /health']!);
      expect(blockingHealth / asyncHealth).toBeGreaterThanOrEqual(10);
      // The worker-thread server is asserted strictly by tests/playgrounds/claims.test.ts; here, with
      // the page and a browser on the same two cores, it must at least be clearly better than the blocking one.
      expect(blockingHealth / offloadedHealth).toBeGreaterThanOrEqual(3);
      // A whole run: the live caption, not a partial one's.
      await expect(figure(page).caption).toContainText(t(locale, 'playground.liveCaption').split('{')[0]!);
      await expect(figure(page).caption).not.toContainText(captionEnd(locale, 'playground.liveCaptionStopped'));
      await expect(figure(page).caption).not.toContainText(captionEnd(locale, 'playground.liveCaptionFailed'));
      // The reference run can be brought back to compare; it is not lost.
      await expect(figure(page).showReference).toBeVisible();

      // Make (a) asynchronous and run again: its /health no longer waits for the slow call.
      await playground(page).locator('button[data-action="edit"]').click();
      const main = source.manifest.main;
      const original = source.files.find((file) => file.path === main)!.contents;
      const edited = madeAsync(original);
      await replaceEditorText(page, main, edited);
      const tab = playground(page).locator(`[role="tab"][data-file="${main}"]`);
      await expect(tab.locator('.edited-badge')).toBeVisible();
      await runToEnd(page);
      const second = await latencies(page, source, locale);
      const slow = median(second.blocking!['GET /slow']!);
      expect(median(second.blocking!['GET /health']!) / slow).toBeLessThan(0.25);

      // The edit survives a reload.
      await page.reload();
      await expect(playground(page).locator(`[role="tabpanel"][data-file="${main}"] .cm-content`)).toContainText('await fetch(SLOW_CALL_URL)');
      await expect(tab.locator('.edited-badge')).toBeVisible();

      // Fork sends the edited files to StackBlitz: intercepted here, the network is never reached.
      let posted: URLSearchParams | undefined;
      await context.route('https://stackblitz.com/run**', async (route) => {
        posted = new URLSearchParams(route.request().postData() ?? '');
        await route.fulfill({ status: 200, contentType: 'text/html', body: '<!doctype html><title>fork</title>' });
      });
      const popup = context.waitForEvent('page');
      await playground(page).locator('button[data-action="fork"]').click();
      await (await popup).waitForLoadState();
      expect(posted?.get('project[template]')).toBe('node');
      const forked = posted?.get(`project[files][${main}]`) ?? '';
      expect(forked).toContain('GET: async () => {');
      expect(forked).toContain('await fetch(SLOW_CALL_URL)');
      expect(posted?.get('project[files][package.json]')).toContain('"start"');
      expect(posted?.get('project[files][load.ts]')).toBeTruthy();

      // Reset restores the original and forgets the edit.
      await playground(page).locator('button[data-action="reset"]').click();
      await expect(playground(page).locator(`[role="tabpanel"][data-file="${main}"] .cm-content`)).toContainText('requestSync(SLOW_CALL_URL)');
      await expect(tab.locator('.edited-badge')).toBeHidden();
      await page.reload();
      await expect(playground(page).locator('.cm-content')).toHaveCount(0);
      expect(cspViolations).toEqual([]);
    });

    test('a syntax error in edited code names the file and line, and the run does not start', async ({ page }) => {
      const source = await fetchPlayground(page);
      await page.goto(withLocalRunner(`/${locale}/${id}/`));
      await playground(page).locator('button[data-action="edit"]').click();
      const main = source.manifest.main;
      await replaceEditorText(page, main, 'const ok = 1;\nconst broken = ;\n');
      await playground(page).locator('button[data-action="run"]').click();
      await expect(playground(page)).toHaveAttribute('data-state', 'error');
      const status = playground(page).locator('[data-status]');
      await expect(status).toContainText(main);
      await expect(status).toContainText(locale === 'ja' ? '2 行目' : 'line 2');
      // Nothing is lost: the edit is still in the editor.
      await expect(playground(page).locator(`[role="tabpanel"][data-file="${main}"] .cm-content`)).toContainText('const broken');
    });

    test('Stop ends a server stuck in an endless loop and the page stays responsive', async ({ page }) => {
      const source = await fetchPlayground(page);
      await page.goto(withLocalRunner(`/${locale}/${id}/`));
      await playground(page).locator('button[data-action="edit"]').click();
      await replaceEditorText(page, source.manifest.main, 'while (true) {}\n');
      await playground(page).locator('button[data-action="run"]').click();
      await expect(playground(page)).toHaveAttribute('data-state', 'running');
      // The loop runs on the runner, not in the page. Left alone, this run ends in 'error' once the blocked server's
      // port wait gives up; each step below must take effect before that, while the loop spins (an order, not a
      // time: the machine may be slow, but a page stuck in a loop would never get there). First another control:
      const tab = playground(page).locator('[role="tab"]').nth(1);
      await tab.click();
      await expect(tab).toHaveAttribute('aria-selected', 'true');
      await expect(playground(page)).toHaveAttribute('data-state', 'running');
      // Then Stop, which ends the run as stopped (idle), not as the port wait failing (error).
      await playground(page).locator('button[data-action="stop"]').click();
      await expect(playground(page)).toHaveAttribute('data-state', 'idle', { timeout: 10_000 });
      await expect(playground(page).locator('[data-status]')).toContainText(locale === 'ja' ? '停止しました' : 'Stopped');
      // The figure never passes a partial run off as a whole one: either this run drew nothing and the reference is
      // back (the status says so), or its caption says it was stopped and the reference is one click away.
      const { caption, showReference } = figure(page);
      if (await showReference.isVisible()) {
        await expect(caption).toContainText(captionEnd(locale, 'playground.liveCaptionStopped'));
      } else {
        await expect(caption).toContainText(locale === 'ja' ? '参照実行' : 'Reference run');
        await expect(playground(page).locator('[data-status]')).toContainText(t(locale, 'playground.keptReference'));
      }
    });

    test('a server that crashes while serving ends the run in error with its exit code, its output kept', async ({ page }) => {
      test.setTimeout(2 * RUN_TIMEOUT);
      const source = await fetchPlayground(page);
      await page.goto(withLocalRunner(`/${locale}/${id}/`));
      await playground(page).locator('button[data-action="edit"]').click();
      const main = source.manifest.main;
      const original = source.files.find((file) => file.path === main)!.contents;
      // It starts and listens as before, then exits with code 3 on its first /health request.
      const crashing = original.replace("'/health': { GET: () => ({ ok: true }) }", "'/health': { GET: () => process.exit(3) }");
      expect(crashing).not.toBe(original);
      await replaceEditorText(page, main, crashing);
      await playground(page).locator('button[data-action="run"]').click();
      await expect(playground(page)).toHaveAttribute('data-state', 'error', { timeout: RUN_TIMEOUT });
      const label = source.manifest.processes.find((spec) => spec.id === 'blocking')!.label[locale];
      await expect(playground(page).locator('[data-status]')).toHaveText(
        new RegExp(`^${escapeRegExp(t(locale, 'playground.error.crashed', { process: label, code: 3 }))}`),
      );
      // Nothing received is lost: the server's own lines stay in its pane, and the timeline is this run's.
      await expect(playground(page).locator('[data-output="blocking"]')).toContainText(locale === 'ja' ? '待ち受けを開始' : 'listening on');
      const { caption, showReference } = figure(page);
      await expect(caption).toContainText(captionEnd(locale, 'playground.liveCaptionFailed'));
      const partial = await caption.textContent();

      // A later run that fails before drawing anything (a syntax error) leaves that figure exactly as it was.
      await replaceEditorText(page, main, 'const broken = ;\n');
      await playground(page).locator('button[data-action="run"]').click();
      await expect(playground(page).locator('[data-status]')).toContainText(locale === 'ja' ? '1 行目' : 'line 1');
      await expect(caption).toHaveText(partial!);
      await expect(playground(page).locator('[data-status]')).not.toContainText(t(locale, 'playground.keptReference'));

      // What the run drew stays until the reader asks for the reference run back; the status keeps its message,
      // and focus lands on the caption beside the button, which is gone.
      const status = await playground(page).locator('[data-status]').textContent();
      await showReference.focus();
      await page.keyboard.press('Enter');
      await expect(caption).toContainText(locale === 'ja' ? '参照実行' : 'Reference run');
      await expect(showReference).toBeHidden();
      await expect(caption).toBeFocused();
      await expect(playground(page).locator('[data-status]')).toHaveText(status!);
    });
  });

  test(`${locale}: when the playground's files cannot be loaded, Run says so in the page's language`, async ({ page }) => {
    await page.route(`**/playgrounds/${id}.json`, (route) => route.abort('internetdisconnected'));
    await page.goto(withLocalRunner(`/${locale}/${id}/`));
    await playground(page).locator('button[data-action="run"]').click();
    await expect(playground(page)).toHaveAttribute('data-state', 'error');
    await expect(playground(page).locator('[data-status]')).toHaveText(new RegExp(`^${escapeRegExp(t(locale, 'playground.error.load'))}`));
    await expect(playground(page).locator('[data-status]')).not.toContainText(/fetch|TypeError|ERR_/i);
  });

  test(`${locale}: when the code for Run cannot be loaded, the page says so in its language only`, async ({ page }) => {
    await page.route('**/_astro/playground-app*.js', (route) => route.abort('internetdisconnected'));
    await page.goto(`/${locale}/${id}/`);
    await playground(page).locator('button[data-action="run"]').click();
    await expect(playground(page)).toHaveAttribute('data-state', 'error');
    await expect(playground(page).locator('[data-status]')).toHaveText(t(locale, 'playground.error.code'));
  });

  test(`${locale}: when StackBlitz's code cannot be loaded, Open in StackBlitz says what to do in the page's language`, async ({ page }) => {
    await page.route('**/_astro/sdk.*.js', (route) => route.abort('internetdisconnected'));
    await page.goto(`/${locale}/${id}/`);
    await playground(page).locator('button[data-action="fork"]').click();
    // The advice in the reader's language, then the browser's own words, labelled as the browser's.
    const [advice] = t(locale, 'playground.error.fork').split('{detail}');
    await expect(playground(page).locator('[data-status]')).toHaveText(new RegExp(`^${escapeRegExp(advice!)}\\S`));
  });

  test(`${locale}: without network the default runtime ends in a clear error and keeps the reference run`, async ({ page, context }) => {
    // Offline by construction, so the test means the same on a machine with network.
    await context.route(/stackblitz\.com|staticblitz\.com|webcontainer(-api)?\.io/, (route) => route.abort());
    await page.clock.install();
    await page.goto(`/${locale}/${id}/`);
    const caption = playground(page).locator('[data-timeline-caption]');
    const referenceCaption = await caption.textContent();
    await playground(page).locator('button[data-action="run"]').click();
    await expect(playground(page)).toHaveAttribute('data-state', 'booting');
    await fastForwardUntilError(page, playground(page));
    await expect(playground(page).locator('[data-status]')).toContainText(locale === 'ja' ? 'StackBlitz から読み込むため' : 'It loads from StackBlitz');
    await expect(caption).toHaveText(referenceCaption ?? '');
    await expect(playground(page).locator('[data-timeline-svg] svg')).toBeVisible();
    // No local runner was handed to this page, so none is offered.
    await expect(playground(page).locator('button[data-action="use-local"]')).toBeHidden();
  });
}

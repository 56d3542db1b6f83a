import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import type { Playground } from '../../src/playground/load-playground.ts';
import type { TraceEvent } from '../../src/playground/events.ts';
import type { RuntimeKind } from '../../src/playground/runtime/types.ts';
import { timelineProcesses } from '../../src/playground/timeline.ts';
import { locales, type Locale } from './site.ts';
import {
  judgeRun,
  recordRun,
  runProblems,
  WEBCONTAINER_REPORT_DIR,
  type ObservedRun,
  type ObservedStep,
  type ReportMeta,
  type RunOutcome,
} from './webcontainer-report.ts';

// The opt-in online suite: every playground on every page, in both languages, run in a real WebContainer in
// Chromium, its claim judged from the run's own events with the checks the playground tests use in real Node, its
// caption checked for naming the runtime, the Node and the mechanisms in the page's language, and everything written
// to a JSON report (README, "Before a release"). It needs StackBlitz's servers, so it is off unless
// E2E_WEBCONTAINER=1; E2E_BASE_URL points it at a deployed preview (playwright.webcontainer.config.ts).

const SKIP_REASON = 'needs network access to StackBlitz: set E2E_WEBCONTAINER=1 to run (and E2E_BASE_URL for a deployed preview)';
/** One run, boot included: WebContainer's own boot limit is shorter, so a hang ends as an error before this. */
const RUN_TIMEOUT = 180_000;

/**
 * The pages that embed a playground, from the content files: the same list in every language (content.test.ts).
 * E2E_WEBCONTAINER_PAGES (`blocking-the-loop,production`) keeps only those, to run one page again.
 */
function pagesWithPlaygrounds(locale: Locale): string[] {
  const dir = `content/docs/${locale}`;
  const only = process.env.E2E_WEBCONTAINER_PAGES?.split(',').map((slug) => slug.trim()).filter(Boolean);
  return readdirSync(dir)
    .filter((name) => /\.mdx?$/.test(name) && readFileSync(`${dir}/${name}`, 'utf8').includes('<Playground'))
    .map((name) => name.replace(/\.mdx?$/, ''))
    .filter((slug) => only === undefined || only.includes(slug))
    .sort()
    .map((slug) => (slug === 'index' ? `/${locale}/` : `/${locale}/${slug}/`));
}

function commit(): string | null {
  try {
    return execFileSync('git', ['rev-parse', 'HEAD'], { encoding: 'utf8' }).trim();
  } catch {
    return null;
  }
}

/** What the page keeps for the suite while a run goes on: set up before Run is pressed. */
interface Watch {
  clickedAt: number | null;
  steps: Array<{ at: number; state: string; status: string }>;
  end: { outcome: 'done' | 'stopped' | 'failed'; runtime: RuntimeKind; events: TraceEvent[] } | null;
}

type SuiteWindow = Window & { __webContainerSuite?: Record<string, Watch> };

async function runInPage(page: Page, locale: Locale, path: string, id: string): Promise<ObservedRun> {
  const response = await page.request.get(`/playgrounds/${id}.json`);
  expect(response.ok(), `/playgrounds/${id}.json`).toBe(true);
  const { manifest } = (await response.json()) as Playground;
  const element = page.locator(`event-loop-playground[data-id="${id}"]`);
  await element.scrollIntoViewIfNeeded();
  await element.evaluate((node, key) => {
    const host = node as HTMLElement;
    const status = host.querySelector('[data-status]')!;
    const watch: Watch = { clickedAt: null, steps: [], end: null };
    ((window as SuiteWindow).__webContainerSuite ??= {})[key] = watch;
    const note = () => watch.steps.push({ at: performance.now(), state: host.dataset.state ?? '', status: status.textContent ?? '' });
    new MutationObserver(note).observe(host, { attributes: true, attributeFilter: ['data-state'] });
    new MutationObserver(note).observe(status, { childList: true, characterData: true, subtree: true });
    host.querySelector('button[data-action="run"]')!.addEventListener('click', () => (watch.clickedAt ??= performance.now()), { capture: true });
    host.addEventListener('playground-run-end', (event) => (watch.end = (event as CustomEvent<Watch['end']>).detail), { once: true });
  }, id);
  await element.locator('button[data-action="run"]').click();

  let timedOut = false;
  await page
    .waitForFunction(
      (key) => {
        const watch = (window as SuiteWindow).__webContainerSuite?.[key];
        const state = document.querySelector<HTMLElement>(`event-loop-playground[data-id="${key}"]`)?.dataset.state;
        // The end event comes just before the element's final state, and a run that fails before it draws
        // anything (its files not loading) sends none: either way, wait for the state to settle.
        return watch !== undefined && watch.steps.length > 0 && (state === 'done' || state === 'error' || state === 'idle');
      },
      id,
      { timeout: RUN_TIMEOUT, polling: 250 },
    )
    .catch(async () => {
      timedOut = true;
      await element.locator('button[data-action="stop"]').click();
      await expect(element).toHaveAttribute('data-state', /^(idle|error|done)$/, { timeout: 30_000 });
    });

  const watch = await page.evaluate((key) => (window as SuiteWindow).__webContainerSuite![key]!, id);
  const clickedAt = watch.clickedAt ?? watch.steps[0]?.at ?? 0;
  const steps: ObservedStep[] = watch.steps.map((step) => ({ atMs: Math.round(step.at - clickedAt), state: step.state, status: step.status }));
  const outcome: RunOutcome = timedOut ? 'timed-out' : (watch.end?.outcome ?? 'failed');
  return {
    locale,
    page: path,
    playground: id,
    expectedToRun: manifest.webcontainer?.runs !== false,
    outcome,
    runtime: watch.end?.runtime ?? null,
    events: watch.end?.events ?? [],
    processes: timelineProcesses(manifest.processes, locale),
    cpus: await page.evaluate(() => navigator.hardwareConcurrency),
    caption: (await element.locator('[data-timeline-caption]').textContent()) ?? '',
    steps,
  };
}

for (const locale of locales) {
  test(`${locale}: every playground on every page runs in a real WebContainer, its claim holds and its caption says so (E2E_WEBCONTAINER=1)`, async ({ page, baseURL }) => {
    test.skip(!process.env.E2E_WEBCONTAINER, SKIP_REASON);
    const pages = pagesWithPlaygrounds(locale);
    expect(pages, 'pages with a playground (E2E_WEBCONTAINER_PAGES names page files, without .mdx)').not.toEqual([]);
    test.setTimeout(pages.length * 2 * RUN_TIMEOUT);
    let meta: ReportMeta | undefined;
    for (const path of pages) {
      // ?runtime=webcontainer: a playground the manifest says WebContainer cannot show runs there too, so the
      // report shows whether that is still so (its verdict is not-expected-to-run, whatever happens).
      await page.goto(`${path}?runtime=webcontainer`);
      const isolated = await page.evaluate(() => crossOriginIsolated);
      expect.soft(isolated, `${path} is cross-origin isolated (COOP and COEP headers)`).toBe(true);
      meta ??= {
        baseUrl: baseURL ?? '',
        userAgent: await page.evaluate(() => navigator.userAgent),
        cpus: await page.evaluate(() => navigator.hardwareConcurrency),
        crossOriginIsolated: isolated,
        commit: commit(),
      };
      const ids = await page.locator('event-loop-playground').evaluateAll((nodes) => nodes.map((node) => (node as HTMLElement).dataset.id ?? ''));
      expect.soft(ids.length, `${path} embeds a playground`).toBeGreaterThan(0);
      for (const id of ids) {
        const report = judgeRun(await runInPage(page, locale, path, id));
        const file = recordRun(WEBCONTAINER_REPORT_DIR, report, meta);
        test.info().annotations.push({
          type: report.verdict,
          description: `${path} ${id}: ${report.runtime ?? '-'} ${report.node ?? ''} ${report.mechanisms.map((m) => `${m.process} ${m.feature}=${m.chosen}`).join(', ')} (${file})`,
        });
        expect.soft(runProblems(report), `${path} ${id}`).toEqual([]);
      }
    }
  });
}

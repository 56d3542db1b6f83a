// Everything a playground does once the reader asks for it: choose a runtime, run, show progress and output,
// redraw the timeline live, edit, reset, fork. Loaded by ./playground-element.ts on the first action, so a
// reader who only reads never downloads it. The element's `data-state` is the state the tests and CSS read.
import { t, toLocale, type UiKey } from '../i18n/ui.ts';
import { clearEdits, loadEdits, saveEdits, type EditableFiles } from '../playground/edits.ts';
import type { TraceEvent } from '../playground/events.ts';
import { EditedCodeError, javaScriptArgv, toJavaScript } from '../playground/javascript.ts';
import type { Playground } from '../playground/load-playground.ts';
import { ProcessExitedError, runPlayground, ServerCrashedError, type RunInput, type RunStep } from '../playground/run.ts';
import { RuntimeError, type FileMap, type Runtime, type RuntimeKind } from '../playground/runtime/types.ts';
import { browserFamily, isAppleMobile } from './browser.ts';
import { describeEventIn, describeNoticeIn } from './describe-event.ts';
import type { CodeEditor } from './editor.ts';
import { renderLiveTimeline, type LiveTimeline } from './live-timeline.ts';
import { runtimeErrorMessage } from './runtime-advice.ts';
import { chooseRuntime, CannotRunHereError, localRunnerReachable } from './runtime-choice.ts';

export type PlaygroundState = 'idle' | 'booting' | 'running' | 'done' | 'error';
export type Action = 'run' | 'stop' | 'edit' | 'reset' | 'fork' | 'use-local' | 'show-reference';

export interface PlaygroundApp {
  handle(action: Action): Promise<void>;
  /** Loads what `action` needs ahead of the click; only Fork has something worth it. Never fails. */
  prefetch(action: 'fork'): void;
}

const MAX_OUTPUT_LINES = 400;
// A chatty program (a reader's console.log in a tight loop) must not freeze the page: past this many events the
// timeline stops growing, and output lines are kept per pane and written once per frame.
const MAX_EVENTS = 5_000;
const SAVE_DELAY_MS = 300;
// WebContainer's first boot downloads it from StackBlitz; past this, the reader is told it is still coming.
const SLOW_BOOT_MS = 10_000;

// On an iPhone or iPad the first Run on the page warns instead of booting (iOS reloads a tab that uses too much
// memory, as svelte.dev and TutorialKit know); the next Run, of any playground on the page, boots.
let appleMobileWarned = false;

/** The playground's files (or their JavaScript twins) did not arrive: offline, or a new deploy replaced them. */
class PlaygroundLoadError extends Error {
  override name = 'PlaygroundLoadError';
}

export function createPlaygroundApp(element: HTMLElement): PlaygroundApp {
  const locale = toLocale(element.dataset.locale);
  const say = (key: UiKey, params?: Record<string, string | number>) => t(locale, key, params);
  const $ = <T extends Element = HTMLElement>(selector: string) => element.querySelector<T>(selector);
  const button = (action: Action) => $<HTMLButtonElement>(`button[data-action="${action}"]`);
  const describeEvent = describeEventIn(locale);
  const describeNotice = describeNoticeIn(locale);

  /**
   * Fetches JSON once; a failure is not kept (offline now need not mean offline at the next click). It fails with
   * PlaygroundLoadError, which the reader sees as `playground.error.load`; the browser's own reason, in English,
   * goes to the console.
   */
  function fetchedOnce<T>(url: string): () => Promise<T> {
    let pending: Promise<T> | undefined;
    return () =>
      (pending ??= fetch(url)
        .then((response) => {
          if (!response.ok) throw new Error(`${response.status} ${response.statusText}`);
          return response.json() as Promise<T>;
        })
        .catch((error: unknown) => {
          pending = undefined;
          console.warn(`${url} could not be loaded:`, error);
          throw new PlaygroundLoadError(url, { cause: error });
        }));
  }
  const load = fetchedOnce<Playground>(element.dataset.src ?? '');
  // The files as plain JavaScript, stripped at build time; only WebContainer runs need them.
  const loadJavaScript = fetchedOnce<FileMap>((element.dataset.src ?? '').replace(/\.json$/, '.js.json'));

  let edits: FileMap = {};
  const editors = new Map<string, CodeEditor>();
  let editable: EditableFiles | undefined;
  let pendingSave: ReturnType<typeof setTimeout> | undefined;

  /** Takes the editors' text as the edits now (Run and Fork must see the last keystroke) and stores them. */
  function syncEdits(): void {
    clearTimeout(pendingSave);
    if (!editable || editors.size === 0) return;
    edits = saveEdits(localStorage, editable, Object.fromEntries([...editors].map(([name, editor]) => [name, editor.value()])));
    markEdited();
  }
  let running: AbortController | undefined;
  let timeline: LiveTimeline | undefined;
  let editing: Promise<void> | undefined;
  let eventCount = 0;
  const pendingOutput = new Map<string, string[]>();
  let outputFrame = 0;

  function setState(state: PlaygroundState): void {
    element.dataset.state = state;
    const busy = state === 'booting' || state === 'running';
    const run = button('run')!;
    const stop = button('stop')!;
    // Keyboard focus follows the control that can act: a disabled button would drop it to the page.
    const focusMoves = busy ? document.activeElement === run : document.activeElement === stop;
    run.disabled = busy;
    stop.disabled = !busy;
    run.textContent = state === 'done' || state === 'error' ? say('playground.runAgain') : say('playground.run');
    if (focusMoves) (busy ? stop : run).focus();
  }

  /** The figure shows the reference run: no live run has replaced it, or the reader brought it back. */
  const referenceShown = () => button('show-reference')!.hidden;

  function announce(text: string): void {
    $('[data-status]')!.textContent = text;
  }

  function processLabel(manifest: Playground['manifest'], id: string): string {
    return manifest.processes.find((spec) => spec.id === id)?.label[locale] ?? id;
  }

  function stepMessage(manifest: Playground['manifest'], step: RunStep): string {
    switch (step.kind) {
      case 'booting':
        return say('playground.step.booting');
      case 'mounting':
        return say('playground.step.mounting');
      case 'starting':
        return say('playground.step.starting', { process: processLabel(manifest, step.process) });
      case 'script':
        return say('playground.step.script', { process: processLabel(manifest, step.process) });
      case 'firing':
        return say('playground.step.firing');
    }
  }

  function errorMessage(error: unknown): string {
    if (error instanceof PlaygroundLoadError) return say('playground.error.load');
    if (error instanceof CannotRunHereError) return say('playground.cannotRunHere', { why: error.why[locale] });
    if (error instanceof EditedCodeError) return say('playground.error.syntax', { file: error.file, line: error.line ?? '?', detail: error.detail });
    if (error instanceof RuntimeError) return runtimeErrorMessage(locale, error, browserFamily(navigator as Navigator & { brave?: unknown }));
    if (error instanceof ProcessExitedError) {
      const label = element.querySelector(`[data-process="${error.process}"] .process-label`)?.textContent ?? error.process;
      return say(error instanceof ServerCrashedError ? 'playground.error.crashed' : 'playground.error.exited', { process: label, code: error.code });
    }
    return say('playground.error.unknown', { detail: error instanceof Error ? error.message : String(error) });
  }

  function flushOutput(): void {
    outputFrame = 0;
    for (const [process, lines] of pendingOutput) {
      const pane = $<HTMLPreElement>(`[data-output="${process}"]`);
      if (!pane) continue;
      pane.textContent = lines.join('\n');
      const scroller = pane.parentElement!;
      scroller.scrollTop = scroller.scrollHeight;
    }
  }

  function appendOutput(process: string, line: string): void {
    const lines = pendingOutput.get(process) ?? [];
    lines.push(line);
    if (lines.length > MAX_OUTPUT_LINES) lines.splice(0, lines.length - MAX_OUTPUT_LINES);
    pendingOutput.set(process, lines);
    outputFrame ||= requestAnimationFrame(flushOutput);
  }

  function showEvent(event: TraceEvent): void {
    // The load client's requests belong to the server they were fired at.
    const pane = event.type === 'request' ? event.target : event.proc;
    const line = describeEvent(event);
    if (line !== null) appendOutput(pane, line);
  }

  function currentFiles(source: Playground): FileMap {
    return { ...Object.fromEntries(source.files.map((file) => [file.path, file.contents])), ...edits };
  }

  /**
   * Edited files are parsed before any run, so a syntax error names the reader's file and line in every runtime.
   * The stripper is fetched only when there is something to strip: edits, or WebContainer's plain JavaScript.
   */
  async function runInput(source: Playground, runtime: Runtime): Promise<RunInput> {
    const files = currentFiles(source);
    const local = (): RunInput => ({ id: source.id, manifest: source.manifest, files, argv: (spec) => spec.command });
    const javaScript = (js: FileMap): RunInput => ({ id: source.id, manifest: source.manifest, files: js, argv: (spec) => javaScriptArgv(spec.command) });
    const edited = Object.entries(edits).filter(([name]) => name.endsWith('.ts'));
    if (edited.length === 0) return runtime.kind === 'local' ? local() : javaScript(await loadJavaScript());
    const { stripTypes } = await import('../playground/strip-types.ts');
    for (const [name, contents] of edited) stripTypes(contents, name);
    if (runtime.kind === 'local') return local();
    // Only the edited files are stripped here; the rest were stripped when the site was built.
    return javaScript({ ...(await loadJavaScript()), ...toJavaScript(Object.fromEntries(edited), stripTypes) });
  }

  async function run(preferred?: RuntimeKind): Promise<void> {
    if (running) return;
    const controller = new AbortController();
    running = controller;
    button('use-local')!.hidden = true;
    setState('booting');
    announce(say('playground.step.booting'));
    let source: Playground | undefined;
    // This run's figure, once it has one: a run that fails before drawing (a syntax error in an edit) must not
    // touch the figure an earlier run left.
    let live: LiveTimeline | undefined;
    let slowBoot: ReturnType<typeof setTimeout> | undefined;
    // A process would not stop, so the in-browser Node was shut down: the last word of the run says so.
    let restarted = false;
    const afterwards = () => (restarted ? ` ${say('playground.restarted')}` : '');
    try {
      source = await load();
      syncEdits();
      const runtime = await chooseRuntime(source.manifest, preferred);
      if (runtime.kind === 'webcontainer' && !appleMobileWarned && isAppleMobile(navigator)) {
        appleMobileWarned = true;
        setState('idle');
        button('run')!.textContent = say('playground.runAnyway');
        announce(say('playground.appleMobile'));
        return;
      }
      const input = await runInput(source, runtime);
      $('[data-processes]')!.hidden = false;
      pendingOutput.clear();
      eventCount = 0;
      element.querySelectorAll('[data-output]').forEach((pane) => (pane.textContent = ''));
      timeline = live = renderLiveTimeline(element, source.manifest, locale, runtime.kind);
      const manifest = source.manifest;
      await runPlayground(
        runtime,
        input,
        {
          step(step) {
            clearTimeout(slowBoot);
            if (step.kind !== 'booting') setState('running');
            else if (runtime.kind === 'webcontainer') slowBoot = setTimeout(() => announce(say('playground.step.bootingSlow')), SLOW_BOOT_MS);
            announce(stepMessage(manifest, step));
          },
          event(event) {
            if (++eventCount <= MAX_EVENTS) live?.add(event);
            showEvent(event);
          },
          text: appendOutput,
          notice(process, notice) {
            if (notice.code === 'restarted') restarted = true;
            appendOutput(process, describeNotice(notice, runtime.kind));
          },
        },
        controller.signal,
      );
      live?.end('done');
      setState('done');
      announce(`${say('playground.done')}${afterwards()}`);
    } catch (error) {
      if (controller.signal.aborted) {
        setState('idle');
        live?.end('stopped');
        announce(`${say('playground.stopped')}${referenceShown() ? ` ${say('playground.keptReference')}` : ''}${afterwards()}`);
      } else {
        setState('error');
        live?.end('failed');
        announce(`${errorMessage(error)}${referenceShown() ? ` ${say('playground.keptReference')}` : ''}${afterwards()}`);
        // WebContainer could not start; the reader's own machine may still run it, if its runner answers.
        const bootFailed = error instanceof RuntimeError && ['boot-timeout', 'boot-stuck', 'boot-failed', 'not-isolated', 'unsupported-browser'].includes(error.code);
        // The probe must not hold the run open: Run again works at once, and a new run hides the offer again.
        if (bootFailed) {
          void localRunnerReachable().then((reachable) => {
            if (reachable && running === undefined && element.dataset.state === 'error') button('use-local')!.hidden = false;
          });
        }
      }
    } finally {
      clearTimeout(slowBoot);
      running = undefined;
    }
  }

  function editableFiles(source: Playground): EditableFiles {
    return {
      id: source.id,
      originals: Object.fromEntries(source.files.map((file) => [file.path, file.contents])),
      readOnly: new Set(source.files.filter((file) => file.readOnly).map((file) => file.path)),
    };
  }

  function markEdited(): void {
    element.querySelectorAll<HTMLElement>('[role="tab"][data-file]').forEach((tab) => {
      const badge = tab.querySelector<HTMLElement>('.edited-badge');
      if (badge) badge.hidden = !(tab.dataset.file! in edits);
    });
    button('reset')!.disabled = Object.keys(edits).length === 0;
  }

  async function startEditing(): Promise<void> {
    const source = await load();
    const files = (editable = editableFiles(source));
    edits = loadEdits(localStorage, files);
    const { createEditor } = await import('./editor.ts');
    const save = () => {
      clearTimeout(pendingSave);
      pendingSave = setTimeout(syncEdits, SAVE_DELAY_MS);
    };
    element.querySelectorAll<HTMLElement>('[role="tabpanel"][data-file]').forEach((panel) => {
      const name = panel.dataset.file!;
      if (files.readOnly.has(name)) return;
      const highlighted = panel.querySelector<HTMLElement>('.expressive-code');
      if (highlighted) highlighted.hidden = true;
      const host = document.createElement('div');
      panel.append(host);
      editors.set(name, createEditor(host, { doc: edits[name] ?? files.originals[name] ?? '', label: name, onChange: save }));
    });
    markEdited();
  }

  async function reset(): Promise<void> {
    const source = await load();
    const files = editableFiles(source);
    for (const [name, editor] of editors) editor.setValue(files.originals[name] ?? '');
    // setValue scheduled a save of what are now the originals; nothing is left to save.
    clearTimeout(pendingSave);
    edits = {};
    clearEdits(localStorage, source.id);
    markEdited();
  }

  let forkParts: ReturnType<typeof loadForkParts> | undefined;
  /** What Fork needs, loaded once (a failure is not kept): the SDK, the files and their twins. */
  function loadForkParts() {
    return Promise.all([
      import('@stackblitz/sdk'),
      import('../playground/stackblitz.ts'),
      load(),
      // The twins are a fallback for a StackBlitz Node without type stripping: a fork goes on without them.
      loadJavaScript().catch(() => undefined),
    ]);
  }
  // The stripper makes the twins of edited files; it is fetched only once there may be edits.
  const loadStripper = () => import('../playground/strip-types.ts');
  const forkReady = () =>
    (forkParts ??= loadForkParts().catch((error: unknown) => {
      forkParts = undefined;
      throw error;
    }));

  /**
   * StackBlitz opens in a new tab by a form submission, which the browser allows only while the click's user
   * activation lasts (5 s in Chromium): with the parts prefetched on hover or focus, nothing slow stands between.
   */
  async function fork(): Promise<void> {
    const [{ default: sdk }, { forkProject }, source, builtTwins] = await forkReady();
    syncEdits();
    const files = Object.fromEntries(source.files.map((file) => [file.path, file.contents]));
    let javaScript: FileMap | undefined = builtTwins;
    try {
      if (javaScript && Object.keys(edits).length > 0) javaScript = { ...javaScript, ...toJavaScript(edits, (await loadStripper()).stripTypes) };
    } catch {
      // An edit that does not parse has no twin; the fork carries the TypeScript, and StackBlitz shows the error.
      javaScript = undefined;
    }
    sdk.openProject(forkProject({ id: source.id, manifest: source.manifest, files }, edits, locale, javaScript), {
      openFile: source.manifest.main,
      newWindow: true,
    });
  }

  /** Edit, Reset and Fork: a failure is announced; a run in progress keeps its own state. */
  async function guarded(work: () => Promise<void>, failure: UiKey): Promise<void> {
    try {
      await work();
    } catch (error) {
      if (!running) setState('error');
      const key = error instanceof PlaygroundLoadError ? 'playground.error.load' : failure;
      announce(say(key, { detail: error instanceof Error ? error.message : String(error) }));
    }
  }

  return {
    prefetch() {
      const parts: Promise<unknown>[] = [forkReady()];
      if (editors.size > 0 || Object.keys(edits).length > 0) parts.push(loadStripper());
      Promise.all(parts).catch(() => {
        // The click says what went wrong, if it still does.
      });
    },
    async handle(action) {
      switch (action) {
        case 'run':
          return run();
        case 'use-local':
          return run('local');
        case 'stop':
          running?.abort();
          return;
        case 'edit':
          // One editor set per playground, however often Edit is pressed while the first is still loading.
          button('edit')!.hidden = true;
          editing ??= startEditing().catch((error: unknown) => {
            editing = undefined;
            button('edit')!.hidden = false;
            throw error;
          });
          // The files failing to arrive say so themselves; anything else here is the editor's code not arriving.
          return guarded(() => editing!, 'playground.error.code');
        case 'reset':
          return guarded(reset, 'playground.error.load');
        case 'fork':
          return guarded(fork, 'playground.error.fork');
        case 'show-reference':
          timeline?.restoreReference();
          return;
      }
    },
  };
}

